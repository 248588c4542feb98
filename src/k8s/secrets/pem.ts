// PEM blocks as Go's encoding/pem Decode finds them: the first "-----BEGIN TYPE-----" line (at the very
// start or after a newline), optional "Key: value" headers, base64 with spaces and tabs removed, and an
// "-----END TYPE-----" line with the same type; a block that breaks any rule is skipped, not an error.
import { goBase64Decode } from './base64';

export interface PemBlock {
  type: string;
  bytes: Uint8Array;
}

const START = '\n-----BEGIN ';
const END = '\n-----END ';
const EOL = '-----';

// getLine: up to the next '\n', with trailing spaces, tabs and '\r' removed.
function getLine(data: string): [string, string] {
  const i = data.indexOf('\n');
  const [line, rest] = i < 0 ? [data, ''] : [data.slice(0, i), data.slice(i + 1)];
  return [line.replace(/[ \t\r]+$/, ''), rest];
}

function afterStart(rest: string): string | undefined {
  if (rest.startsWith(START.slice(1))) return rest.slice(START.length - 1);
  const i = rest.indexOf(START);
  return i < 0 ? undefined : rest.slice(i + START.length);
}

// The block whose type line starts `rest`, or undefined when it is not well formed.
function blockAt(rest: string): { block: PemBlock; rest: string } | undefined {
  const [typeLine, afterType] = getLine(rest);
  if (!typeLine.endsWith(EOL)) return undefined;
  const type = typeLine.slice(0, -EOL.length);
  let body = afterType;
  let headers = 0;
  for (;;) {
    if (body === '') return undefined;
    const [line, next] = getLine(body);
    if (!line.includes(':')) break;
    headers++;
    body = next;
  }
  const [endIndex, trailerIndex] =
    headers === 0 && body.startsWith(END.slice(1))
      ? [0, END.length - 1]
      : [body.indexOf(END), body.indexOf(END) + END.length];
  if (endIndex < 0) return undefined;
  const trailer = body.slice(trailerIndex);
  const trailerLen = type.length + EOL.length;
  if (trailer.length < trailerLen) return undefined;
  if (!trailer.startsWith(type) || trailer.slice(type.length, trailerLen) !== EOL) return undefined;
  if (getLine(trailer.slice(trailerLen))[0] !== '') return undefined;
  const decoded = goBase64Decode(Buffer.from(body.slice(0, endIndex).replace(/[ \t]/g, ''), 'latin1'));
  if ('errorAt' in decoded) return undefined;
  return { block: { type, bytes: decoded.bytes }, rest: getLine(body.slice(endIndex + END.length - 1))[1] };
}

/** Every PEM block in the input, in order, as repeated pem.Decode calls return them. */
export function pemBlocks(input: Uint8Array): PemBlock[] {
  const blocks: PemBlock[] = [];
  let data = Buffer.from(input).toString('latin1');
  for (;;) {
    let rest = afterStart(data);
    let found: { block: PemBlock; rest: string } | undefined;
    while (rest !== undefined && !(found = blockAt(rest))) {
      // A malformed block: pem.Decode searches again after its BEGIN line.
      rest = afterStart(getLine(rest)[1]);
    }
    if (!found) return blocks;
    blocks.push({ ...found.block, type: Buffer.from(found.block.type, 'latin1').toString('utf8') });
    data = found.rest;
  }
}
