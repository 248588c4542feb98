// Where a JSON text first goes wrong. V8's JSON.parse names a position for some errors only
// ("Unexpected token '}', ... is not valid JSON" has none), so a failed parse is rescanned here to
// report a line and column. Iterative, so deeply nested input cannot overflow the stack.

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
// JSON forbids raw control characters inside strings (RFC 8259 §7), so the class must name them.
// eslint-disable-next-line no-control-regex
const STRING = /"([^"\\\u0000-\u001f]|\\(["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

function matchAt(re: RegExp, text: string, i: number): number {
  re.lastIndex = i;
  return re.test(text) ? re.lastIndex : -1;
}

function scalarEnd(text: string, i: number): number {
  if (text[i] === '"') return matchAt(STRING, text, i);
  for (const lit of ['true', 'false', 'null']) if (text.startsWith(lit, i)) return i + lit.length;
  return matchAt(NUMBER, text, i);
}

/** The offset of the first syntax error in `text`, or -1 when it is valid JSON. */
export function jsonErrorOffset(text: string): number {
  const stack: string[] = [];
  let i = 0;
  let state: 'value' | 'firstValue' | 'key' | 'firstKey' | 'after' = 'value';
  const skip = () => {
    while (i < text.length && WS.has(text[i])) i++;
  };
  for (;;) {
    skip();
    const c = text[i];
    if (state === 'after') {
      const top = stack[stack.length - 1];
      if (top === undefined) return i < text.length ? i : -1;
      if (c === ',') [state, i] = [top === '{' ? 'key' : 'value', i + 1];
      else if ((c === '}' && top === '{') || (c === ']' && top === '[')) {
        i++;
        stack.pop();
      } else return i;
    } else if (state === 'key' || state === 'firstKey') {
      if (state === 'firstKey' && c === '}') {
        i++;
        stack.pop();
        state = 'after';
        continue;
      }
      const end = c === '"' ? matchAt(STRING, text, i) : -1;
      if (end < 0) return i;
      i = end;
      skip();
      if (text[i] !== ':') return i;
      [state, i] = ['value', i + 1];
    } else {
      if (state === 'firstValue' && c === ']') {
        i++;
        stack.pop();
        state = 'after';
        continue;
      }
      if (c === '{' || c === '[') {
        stack.push(c);
        state = c === '{' ? 'firstKey' : 'firstValue';
        i++;
        continue;
      }
      const end = i < text.length ? scalarEnd(text, i) : -1;
      if (end < 0) return i;
      [state, i] = ['after', end];
    }
  }
}

/** 1-based line and column of an offset, as editors count them. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
