// YAML as kubectl prints it: sigs.k8s.io/yaml turns the object's JSON into go-yaml v2 values and
// marshals them, so map keys come sorted (go-yaml's sorter.go), strings are plain unless go-yaml would
// read them back as something else or the emitter forbids it (emitterc.go yaml_emitter_analyze_scalar,
// select_scalar_style), and long plain or quoted strings fold at spaces past column 80 (best_width).
import { needsQuotes } from './yaml-resolve';

/** A YAML value of the shapes a Secret has: strings and maps of them. */
export type YamlValue = string | { readonly [key: string]: YamlValue };

const BEST_WIDTH = 80;
const isLetter = (c: string) => /\p{L}/u.test(c);
const isDigit = (c: string) => /\p{Nd}/u.test(c);

/** go-yaml v2's keyList.Less for string keys: letters after other characters, digit runs compared as numbers. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10n + BigInt(ar[ai].charCodeAt(0) - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10n + BigInt(br[bi].charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
  }
  return ar.length < br.length;
}

// is_printable in go-yaml's yamlprivateh.go, by code point.
function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}
const isBreak = (c: string | undefined) =>
  c === '\r' || c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

interface Analysis {
  multiline: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
}

// yaml_emitter_analyze_scalar, for the block context kubectl's output is in.
function analyze(chars: string[]): Analysis {
  if (!chars.length) return { multiline: false, blockPlain: true, singleQuoted: true, block: false };
  const s = chars.join('');
  let indicators = s.startsWith('---') || s.startsWith('...');
  let special = false;
  let [lineBreaks, leadingWs, trailingWs, trailingSpace, breakSpace, spaceBreak] = [
    false,
    false,
    false,
    false,
    false,
    false,
  ];
  let [precededByWs, prevSpace, prevBreak] = [true, false, false];
  chars.forEach((c, i) => {
    const followedByWs = i + 1 >= chars.length || isBlank(chars[i + 1]) || isBreak(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) indicators = true;
      else if ((c === '?' || c === ':' || c === '-') && followedByWs) indicators = true;
    } else if ((c === ':' && followedByWs) || (c === '#' && precededByWs)) indicators = true;
    if (!isPrintable(c.codePointAt(0)!)) special = true;
    const last = i === chars.length - 1;
    if (c === ' ') {
      if (i === 0) leadingWs = true;
      if (last) trailingWs = trailingSpace = true;
      if (prevBreak) breakSpace = true;
      [prevSpace, prevBreak] = [true, false];
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingWs = true;
      if (last) trailingWs = true;
      if (prevSpace) spaceBreak = true;
      [prevSpace, prevBreak] = [false, true];
    } else [prevSpace, prevBreak] = [false, false];
    precededByWs = isBlank(c) || isBreak(c);
  });
  const noPlain = leadingWs || trailingWs || breakSpace || spaceBreak || special || lineBreaks || indicators;
  return {
    multiline: lineBreaks,
    blockPlain: !noPlain,
    singleQuoted: !(breakSpace || spaceBreak || special),
    block: !(trailingSpace || breakSpace || spaceBreak || special),
  };
}

const ESCAPES: Record<string, string> = {
  '\0': '0',
  '\x07': 'a',
  '\b': 'b',
  '\t': 't',
  '\n': 'n',
  '\v': 'v',
  '\f': 'f',
  '\r': 'r',
  '\x1b': 'e',
  '"': '"',
  '\\': '\\',
  '\u0085': 'N',
  '\u00a0': '_',
  '\u2028': 'L',
  '\u2029': 'P',
};

function escaped(c: string): string {
  if (ESCAPES[c] !== undefined) return `\\${ESCAPES[c]}`;
  const cp = c.codePointAt(0)!;
  const [letter, width] = cp <= 0xff ? ['x', 2] : cp <= 0xffff ? ['u', 4] : ['U', 8];
  return `\\${letter}${cp.toString(16).toUpperCase().padStart(width, '0')}`;
}

/** Writes one scalar at `column`; `indent` is where folded lines continue. Returns the text. */
class ScalarWriter {
  out = '';
  constructor(
    private column: number,
    private readonly indent: number,
    private readonly allowBreaks: boolean,
  ) {}
  put(text: string): void {
    this.out += text;
    this.column += [...text].length;
  }
  newline(): void {
    this.out += `\n${' '.repeat(this.indent)}`;
    this.column = this.indent;
  }
  /** A space that may fold: `fold(nextIsSpace)` decides from the emitter's own conditions. */
  spaceOrFold(canFold: boolean): boolean {
    if (this.allowBreaks && canFold && this.column > BEST_WIDTH) {
      this.newline();
      return true;
    }
    this.put(' ');
    return false;
  }
  plain(chars: string[]): string {
    let spaces = false;
    chars.forEach((c, i) => {
      if (c === ' ') {
        if (!spaces) this.spaceOrFold(chars[i + 1] !== ' ');
        else this.put(' ');
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    });
    return this.out;
  }
  singleQuoted(chars: string[]): string {
    this.put("'");
    let spaces = false;
    chars.forEach((c, i) => {
      if (c === ' ') {
        const canFold = !spaces && i > 0 && i < chars.length - 1 && chars[i + 1] !== ' ';
        if (canFold) this.spaceOrFold(true);
        else this.put(' ');
        spaces = true;
      } else {
        this.put(c === "'" ? "''" : c);
        spaces = false;
      }
    });
    this.put("'");
    return this.out;
  }
  doubleQuoted(chars: string[]): string {
    this.put('"');
    let spaces = false;
    chars.forEach((c, i) => {
      const cp = c.codePointAt(0)!;
      if (!isPrintable(cp) || cp === 0xfeff || isBreak(c) || c === '"' || c === '\\') {
        this.put(escaped(c));
        spaces = false;
      } else if (c === ' ') {
        const canFold = !spaces && i > 0 && i < chars.length - 1;
        if (this.allowBreaks && canFold && this.column > BEST_WIDTH) {
          this.newline();
          if (chars[i + 1] === ' ') this.put('\\');
        } else this.put(' ');
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    });
    this.put('"');
    return this.out;
  }
}

// yaml_emitter_write_literal_scalar with its block scalar hints: an indentation indicator when the
// text starts with a space or a break, '-' when it does not end with a break, '+' when it ends with two.
function literal(chars: string[], indent: number): string {
  const head = chars[0] === ' ' || isBreak(chars[0]) ? '2' : '';
  const n = chars.length;
  const chomp = !isBreak(chars[n - 1]) ? '-' : n === 1 || isBreak(chars[n - 2]) ? '+' : '';
  let out = `|${head}${chomp}\n`;
  let breaks = true;
  for (const c of chars) {
    if (isBreak(c)) {
      out += '\n';
      breaks = true;
    } else {
      if (breaks) out += ' '.repeat(indent);
      out += c;
      breaks = false;
    }
  }
  return out.endsWith('\n') ? out.slice(0, -1) : out;
}

// encode.go stringv chooses plain, literal (multi-line) or double-quoted; the emitter then downgrades
// plain to single-quoted and single-quoted to double-quoted where they are not allowed.
function scalar(s: string, column: number, indent: number, isKey: boolean): string {
  const chars = [...s];
  const a = analyze(chars);
  const w = new ScalarWriter(column, indent, !isKey);
  if (a.multiline) {
    if (!isKey && a.block) return literal(chars, indent);
    return w.doubleQuoted(chars);
  }
  if (needsQuotes(s)) return w.doubleQuoted(chars);
  if (a.blockPlain && !(isKey && s === '')) return w.plain(chars);
  return a.singleQuoted ? w.singleQuoted(chars) : w.doubleQuoted(chars);
}

function mapping(value: { readonly [key: string]: YamlValue }, indent: number): string {
  const keys = Object.keys(value).sort((a, b) => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0));
  let out = '';
  for (const key of keys) {
    const k = scalar(key, indent, indent, true);
    const v = value[key];
    if (typeof v === 'string') {
      const column = indent + [...k].length + 2;
      out += `${' '.repeat(indent)}${k}: ${scalar(v, column, indent + 2, false)}\n`;
    } else if (Object.keys(v).length === 0) out += `${' '.repeat(indent)}${k}: {}\n`;
    else out += `${' '.repeat(indent)}${k}:\n${mapping(v, indent + 2)}`;
  }
  return out;
}

/** The YAML document sigs.k8s.io/yaml.Marshal writes for a map. */
export function toYaml(value: { readonly [key: string]: YamlValue }): string {
  return Object.keys(value).length ? mapping(value, 0) : '{}\n';
}
