// From manifest text (YAML, multi-document, or JSON) to a flat list of object values, within limits.
import { fail, KubeknowError } from '../../errors';
import { jsonErrorOffset, lineColumn } from './json';
import { isObj } from './read';
import { checkDepth, tooLarge, type ManifestLimits } from './too-large';
import { decodeYaml } from './yaml';

export type ManifestFormat = 'yaml' | 'json';

function decodeJson(text: string, strict: boolean, limits: ManifestLimits): unknown[] {
  try {
    return [JSON.parse(text)];
  } catch {
    // Auto-detected JSON that JSON.parse rejects may still be YAML flow style ({kind: Pod, …}).
    if (!strict) {
      try {
        return decodeYaml(text, limits);
      } catch (e) {
        if (!(e instanceof KubeknowError) || e.code !== 'MANIFEST_UNPARSABLE') throw e;
      }
    }
    const offset = jsonErrorOffset(text);
    const { line, column } = lineColumn(text, offset < 0 ? text.length : offset);
    const what =
      offset >= text.length || offset < 0 ? 'unexpected end of input' : `unexpected ${JSON.stringify(text[offset])}`;
    return fail('MANIFEST_UNPARSABLE', `invalid JSON: ${what} at line ${line}, column ${column}`);
  }
}

/** The documents of a text input, empty ones dropped; a map of more than `limits.maxKeys` keys in any
 * of them fails here, once for every caller, before any later step spends time on each key. (The
 * nesting is bounded by the YAML decoder, and for objects by flattenObjects.) */
export function decodeText(text: string, format: ManifestFormat | undefined, limits: ManifestLimits): unknown[] {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxBytes) tooLarge(`input is ${bytes} bytes; at most ${limits.maxBytes} are accepted`);
  const body = text.replace(/^\uFEFF/, '');
  const looksJson = /^\s*[[{]/.test(body);
  // Quoted keys mark JSON proper, whose errors are reported as JSON errors; `{kind: Pod}` is YAML flow.
  const strictJson = format === 'json' || /^[\s[{]*"/.test(body);
  // A `---` line separates YAML documents and is never JSON: `{…}` then `---` and YAML is a YAML stream,
  // as kubectl's YAMLOrJSONDecoder reads it since Kubernetes 1.33 (kubernetes#130666). Otherwise text
  // that starts as JSON is read as JSON, so that a broken one gets JSON's error, at its line and column.
  const json = format === 'json' || (format === undefined && looksJson && !/^---/m.test(body));
  const values = json ? decodeJson(body, strictJson, limits) : decodeYaml(body, limits);
  const documents = values.filter((v) => v !== null && v !== undefined);
  // Named from the document when there is one (`data`), else from the list of them (`[2].data`).
  checkDepth(documents.length === 1 ? documents[0] : documents, Infinity, limits.maxKeys);
  return documents;
}

/** The values of a manifest text's documents where objects are expected: a document that is a list (JSON
 * text `[{…}, {…}]`, a YAML sequence) holds objects, as the `objects` list does; a list in it is one
 * value, refused as not an object. */
export function decodeManifests(text: string, format: ManifestFormat | undefined, limits: ManifestLimits): unknown[] {
  return decodeText(text, format, limits).flatMap((d): unknown[] => (Array.isArray(d) ? (d as unknown[]) : [d]));
}

// `kind: List` (kubectl get -o yaml) and typed lists such as PodList (the API's own list responses,
// whose items carry no kind or apiVersion) both hold their objects in `items`.
function flattenInto(out: unknown[], value: unknown, limits: ManifestLimits): void {
  // A null in a list of objects keeps its place, so that every later object keeps its index in the
  // paths of problems (parseObjects passes over it); empty YAML documents were dropped by the decoder.
  // A list inside the list of objects (`[[{…}]]`, or in a List's items) is not read as more objects: it
  // is kept in its place, to be refused there as not an object, as every route refuses it (issue 10's
  // review: some routes read `objects: [[…]]` as its inner list, others refused it, at a path that was not its own).
  if (value === undefined) return;
  if (isObj(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
    const itemKind = value.kind === 'List' ? undefined : value.kind.slice(0, -'List'.length);
    for (const item of value.items as unknown[]) {
      const typed =
        itemKind && isObj(item) && item.kind === undefined
          ? { kind: itemKind, apiVersion: value.apiVersion, ...item }
          : item;
      flattenInto(out, typed, limits);
    }
    return;
  }
  out.push(value);
  if (out.length > limits.maxObjects) tooLarge(`input has more than ${limits.maxObjects} objects`);
}

/** The objects of decoded values: List items flattened (nulls kept in place, a list left as it is), limits applied. */
export function flattenObjects(values: unknown[], limits: ManifestLimits): unknown[] {
  for (const v of values) checkDepth(v, limits.maxDepth, limits.maxKeys);
  const out: unknown[] = [];
  for (const v of values) flattenInto(out, v, limits);
  return out;
}
