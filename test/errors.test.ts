// The error registry and docs/errors.md list the same codes with the same HTTP statuses.
import fs from 'node:fs';
import path from 'node:path';
import { ERROR_STATUS, FieldPath, KubeknowError, Problems } from '../src/errors';
import { ROOT } from '../src/paths';

// Each row starts with the anchor a problem's `type` links to, `errors.md#<code>` (problem.ts): without
// it the link landed at the top of the page (new-user review).
test('docs/errors.md has a row for every code, with its anchor and status, and no other', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs/errors.md'), 'utf8');
  const rows = [...doc.matchAll(/^\| <a id="([a-z_]+)"><\/a>`([A-Z_]+)` \| (\d{3}) \|/gm)];
  for (const [, anchor, code] of rows) expect(anchor).toBe(code.toLowerCase());
  expect(Object.fromEntries(rows.map((m) => [m[2], Number(m[3])]))).toEqual(ERROR_STATUS);
});

test('field paths print as Kubernetes prints them', () => {
  const p = FieldPath.root('objects').index(1).child('spec').child('ports').index(0).child('port');
  expect(String(p)).toBe('objects[1].spec.ports[0].port');
  expect(String(FieldPath.root().child('metadata').child('labels').key('app.kubernetes.io/name'))).toBe(
    'metadata.labels["app.kubernetes.io/name"]',
  );
});

test('problems are collected and thrown once, in order, with the first code as the error code', () => {
  const problems = new Problems();
  problems.add('FIELD_REQUIRED', 'objects[0].metadata.name', 'Required value');
  problems.add('FIELD_INVALID', 'objects[1].spec.ports[0].port', 'must be between 1 and 65535, inclusive', 70000);
  expect(problems.size).toBe(2);
  let thrown: unknown;
  try {
    problems.throwIfAny();
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(KubeknowError);
  const err = thrown as KubeknowError;
  expect(err.code).toBe('FIELD_REQUIRED');
  expect(err.status).toBe(422);
  expect(err.message).toBe(
    'objects[0].metadata.name: Required value; objects[1].spec.ports[0].port: must be between 1 and 65535, inclusive',
  );
  expect(err.problems[1].value).toBe(70000);
});

test('no problems, no throw', () => {
  expect(() => new Problems().throwIfAny()).not.toThrow();
});
