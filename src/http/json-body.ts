// The application/json body parser of every route. Fastify's own refuses a `__proto__` key (and
// `constructor.prototype`), which code that copies objects could take as the object's prototype
// ("prototype poisoning"), but says only "Body is not valid JSON": the body is valid JSON, and the
// caller is not told which field is refused. This one refuses the same keys, naming where they are.
// Spec: https://fastify.dev/docs/latest/Guides/Prototype-Poisoning/
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FieldPath, KubeknowError } from '../errors';
import { DEFAULT_MANIFEST_LIMITS, MAX_BODY_DEPTH } from '../k8s/objects';
import { scanJson, type Suspects } from './json-scan';

/** Where a key of one object could set a prototype, under `at`, or null. */
function refusedAt(k: string | number, x: unknown, at: FieldPath): FieldPath | null {
  if (k === '__proto__') return at.child(k);
  if (k === 'constructor' && typeof x === 'object' && x !== null && 'prototype' in x)
    return at.child(k).child('prototype');
  return null;
}

/** The first place a parsed YAML (or JSON) value has a key that could set a prototype, under `root`, or null. */
export function prototypeKeyAt(value: unknown, root = FieldPath.root()): FieldPath | null {
  // A stack, not recursion: a body may nest 100 000 deep, which the manifest reader refuses later with
  // a 413; recursing here would overflow the call stack first.
  const stack: [unknown, FieldPath][] = [[value, root]];
  while (stack.length) {
    const [v, at] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    const entries: [string | number, unknown][] = Array.isArray(v) ? [...v.entries()] : Object.entries(v);
    for (const [k, x] of entries) {
      const found = refusedAt(k, x, at);
      if (found) return found;
    }
    // Pushed last to first, so the first key's value is looked into first.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, x] = entries[i];
      if (typeof x === 'object' && x !== null) stack.push([x, typeof k === 'number' ? at.index(k) : at.child(k)]);
    }
  }
  return null;
}

/**
 * What prototypeKeyAt finds in a parsed JSON value, looking only at the objects its scan suspects
 * (json-scan.ts) and in the same order: an object before what it holds, its keys in Object.keys order
 * (which is not the text's when a key is an index or repeats). The tree is no deeper than the body
 * (MAX_BODY_DEPTH), and each object is looked at once (repeated keys share a node).
 */
export function prototypeKeyAlong(value: unknown, suspects: Suspects, at = FieldPath.root()): FieldPath | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (suspects.suspect)
    for (const k of Object.keys(v)) {
      const found = refusedAt(k, v[k], at);
      if (found) return found;
    }
  if (Array.isArray(v)) {
    // Indexes were met in the text in order.
    for (const [i, next] of suspects.children) {
      const found = prototypeKeyAlong(v[i as number], next, at.index(i as number));
      if (found) return found;
    }
    return null;
  }
  const keys = suspects.children.size === 1 ? suspects.children.keys() : Object.keys(v);
  for (const k of keys) {
    const next = suspects.children.get(k);
    // hasOwn: v.__proto__ would be Object.prototype when the key is not the object's own.
    const found = next && Object.hasOwn(v, k) && prototypeKeyAlong(v[k], next, at.child(k as string));
    if (found) return found;
  }
  return null;
}

/**
 * Whether a YAML text may have a refused key once parsed: its double-quoted keys escape with more than
 * JSON's \u (\x5f, \U…, \_), so a text with neither name in it and no backslash has none, and most
 * skip walking the parsed value. (A JSON body's scan finds its suspects instead: scanJson.)
 */
export function mayHavePrototypeKey(text: string): boolean {
  return text.includes('__proto__') || text.includes('constructor') || text.includes('\\');
}

const refused = (path: string, message: string) => new KubeknowError({ code: 'BAD_USER_INPUT', path, message });

// Fastify's own words for what its parser refuses too.
const EMPTY = "Body cannot be empty when content-type is set to 'application/json'";
const NOT_JSON = "Body is not valid JSON but content-type is set to 'application/json'";

/** Whether an error is the refusal of a body that is not JSON at all (JSON-RPC's parse error). */
export const isUnparsable = (err: KubeknowError): boolean =>
  err.problems.length === 1 && (err.problems[0].message === EMPTY || err.problems[0].message === NOT_JSON);

/** What a JSON body holds, or why it cannot be read: PAYLOAD_TOO_LARGE when an object of it has more
 * than `maxKeys` keys or it nests deeper than MAX_BODY_DEPTH, before any later step (a problem per
 * unknown key, a zod issue each) sees it, and before JSON.parse spends time on it: the text is scanned
 * first (json-scan.ts), whatever its size, so that a body is refused alike however it is sent (spaced
 * out or not, read on the event loop or in a worker thread). */
export function parseJsonBody(text: string, maxKeys = DEFAULT_MANIFEST_LIMITS.maxKeys): unknown {
  if (!text.length) throw refused('', EMPTY);
  const suspects = scanJson(text, maxKeys, MAX_BODY_DEPTH);
  let value: unknown;
  try {
    // JSON.parse makes "__proto__" an own key, as any other: it sets no prototype, so it can be looked for.
    value = JSON.parse(text);
  } catch {
    throw refused('', NOT_JSON);
  }
  // Each route bounds the depth further where it matters (manifests, GraphQL variables), with its own limit.
  if (suspects) refuseAt(prototypeKeyAlong(value, suspects));
  return value;
}

/** Refuses (BAD_USER_INPUT, at its path under `root`) the first key of a parsed YAML value that could set
 * a prototype: YAML keeps `__proto__` as an own key, as JSON.parse does. */
export function refusePrototypeKeys(value: unknown, root?: FieldPath): void {
  refuseAt(prototypeKeyAt(value, root));
}

function refuseAt(at: FieldPath | null): void {
  if (at)
    throw refused(
      String(at),
      'this key is refused: it could set an object’s prototype ("__proto__", or "prototype" under "constructor"), and no field of kubeknow has that name; leave it out',
    );
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A large body is not parsed on the event loop but kept as text (BodyText), to be read in a worker thread. */
    bodyInWorker?: boolean;
  }
}

/**
 * A body of a route that computes is read on the event loop only up to this many bytes, the size of an
 * input that may run there (invoke.ts' SMALL_INPUT_CHARS: its cost learned in well under a millisecond);
 * a larger one stays bytes, never a string on the event loop's heap, and is decoded, parsed, shaped,
 * checked, priced and computed in a worker thread (src/rest/manifest-body.ts, src/capabilities/worker.ts).
 * So twenty 1 MB bodies at once do not keep /healthz waiting (issue 10), and a body of 50 objects (17 KB)
 * is parsed once, there, rather than parsed here, walked and cloned to the thread object by object.
 */
export const BODY_IN_WORKER_BYTES = 8 * 1024;

/** A body too large to read on the event loop, as its route receives it: its bytes. */
export class BodyText {
  constructor(readonly bytes: Uint8Array) {}
}

/** UTF-8 text from bytes (a Buffer, or the Uint8Array a Buffer becomes in a worker thread). */
export const utf8 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');

/** The body as its route receives it: read by `read` from its text, or, when large and the route
 * reads it in a worker thread, its bytes. */
const received = (req: FastifyRequest, body: Buffer, read: (text: string) => unknown): unknown =>
  body.length > BODY_IN_WORKER_BYTES && req.routeOptions.config.bodyInWorker ? new BodyText(body) : read(utf8(body));

/** Installs the parser for application/json bodies, refusing an object of more than `maxKeys` keys. */
export function jsonBodies(app: FastifyInstance, bodyLimit: number, maxKeys: number): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, (req, body, done) => {
    try {
      done(
        null,
        received(req, body as Buffer, (text) => parseJsonBody(text, maxKeys)),
      );
    } catch (err) {
      done(err as KubeknowError, undefined);
    }
  });
}

/** Installs a parser that gives bodies of these types as their text (YAML, plain text). */
export function textBodies(app: FastifyInstance, types: readonly string[], bodyLimit: number): void {
  for (const type of types)
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit }, (req, body, done) =>
      done(
        null,
        received(req, body as Buffer, (text) => text),
      ),
    );
}
