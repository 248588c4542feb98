// Go's json.Unmarshal syntax errors, as encoding/json's scanner (scanner.go, checkValid) words them;
// each expectation is the text Go prints for that input (scanner_test.go and decode_test.go's cases
// where they have one).
import { goJsonSyntaxError } from './gojson-check';

const cases: [string, string | undefined][] = [
  ['{}', undefined],
  ['{"auths":{"r.example.com":{"auth":"eA=="}}}', undefined],
  [' [1, -2.5e+3, true, false, null, "a\\u00e9\\n"] ', undefined],
  ['null', undefined],
  ['12', undefined],
  ['', 'unexpected end of JSON input'],
  ['{"a":1', 'unexpected end of JSON input'],
  ['a', "invalid character 'a' looking for beginning of value"],
  ['{a}', "invalid character 'a' looking for beginning of object key string"],
  ['{"a" 1}', "invalid character '1' after object key"],
  ['{"a":1 "b":2}', "invalid character '\"' after object key:value pair"],
  ['[1 2]', "invalid character '2' after array element"],
  ['{} x', "invalid character 'x' after top-level value"],
  ['{"a":tru}', "invalid character '}' in literal true (expecting 'e')"],
  ['nul', "invalid character ' ' in literal null (expecting 'l')"],
  ['-', "invalid character ' ' in numeric literal"],
  ['1.', "invalid character ' ' after decimal point in numeric literal"],
  ['1e+', "invalid character ' ' in exponent of numeric literal"],
  ['"a\\x"', "invalid character 'x' in string escape code"],
  ['"\\u12g4"', "invalid character 'g' in \\u hexadecimal character escape"],
  ['"a\tb"', "invalid character '\\t' in string literal"],
  ["'a'", "invalid character '\\'' looking for beginning of value"],
  ['\\', "invalid character '\\\\' looking for beginning of value"],
  ['{"a":1,}', "invalid character '}' looking for beginning of object key string"],
];

for (const [input, want] of cases)
  test(`${JSON.stringify(input)} → ${want ?? 'valid'}`, () => {
    expect(goJsonSyntaxError(Buffer.from(input, 'latin1'))).toBe(want);
  });

test('a byte over 0x7f is named as the Latin-1 rune Go makes of it', () => {
  expect(goJsonSyntaxError(Uint8Array.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toBe(
    "invalid character 'ï' looking for beginning of value",
  );
  expect(goJsonSyntaxError(Uint8Array.from([0x80]))).toBe("invalid character '\\u0080' looking for beginning of value");
});
