// Go's base64.StdEncoding decoder (encoding/base64 decodeQuantum), which both the API server (for a
// Secret's `data`) and encoding/pem use: '\n' and '\r' are skipped, padding is required, and an error
// names the input byte where decoding failed: "illegal base64 data at input byte N".

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = new Map([...ALPHABET].map((c, i) => [c.charCodeAt(0), i]));
const isNewline = (b: number) => b === 0x0a || b === 0x0d;

/** The decoded bytes, or the index of the input byte where Go's decoder fails. */
export function goBase64Decode(src: Uint8Array): { bytes: Uint8Array } | { errorAt: number } {
  const out: number[] = [];
  let si = 0;
  while (si < src.length) {
    const quad: number[] = [];
    let end = false;
    while (quad.length < 4) {
      if (si === src.length) {
        if (quad.length === 0) return { bytes: Uint8Array.from(out) };
        return { errorAt: si - quad.length };
      }
      const b = src[si++];
      const v = VALUE.get(b);
      if (v !== undefined) {
        quad.push(v);
        continue;
      }
      if (isNewline(b)) continue;
      if (b !== 0x3d || quad.length < 2) return { errorAt: si - 1 };
      // Padding: "==" after two symbols, "=" after three; then only newlines may follow.
      if (quad.length === 2) {
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) return { errorAt: src.length };
        if (src[si] !== 0x3d) return { errorAt: si - 1 };
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      if (si < src.length) return { errorAt: si };
      end = true;
      break;
    }
    const n = (quad[0] << 18) | (quad[1] << 12) | ((quad[2] ?? 0) << 6) | (quad[3] ?? 0);
    out.push((n >> 16) & 0xff);
    if (quad.length > 2) out.push((n >> 8) & 0xff);
    if (quad.length > 3) out.push(n & 0xff);
    if (end) break;
  }
  return { bytes: Uint8Array.from(out) };
}

/** Base64 with padding, as Go's json.Marshal writes a []byte. */
export function base64Of(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}
