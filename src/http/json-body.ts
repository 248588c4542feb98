// The application/json body parser of every route. Fastify's own refuses a `__proto__` key (and
// `constructor.prototype`), which code that copies objects could take as the object's prototype
// ("prototype poisoning"), but says only "Body is not valid JSON": the body is valid JSON, and the
// caller is not told which field is refused. This one refuses the same keys, naming where they are.
// Spec: https://fastify.dev/docs/latest/Guides/Prototype-Poisoning/
import type { FastifyInstance } from 'fastify';
import { FieldPath, KubeknowError } from '../errors';

/** The first place a parsed JSON value has a key that could set a prototype, or null. */
export function prototypeKeyAt(value: unknown, at = FieldPath.root()): FieldPath | null {
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = prototypeKeyAt(v, at.index(i));
      if (found) return found;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    if (k === '__proto__') return at.child(k);
    if (k === 'constructor' && typeof v === 'object' && v !== null && 'prototype' in v)
      return at.child(k).child('prototype');
    const found = prototypeKeyAt(v, at.child(k));
    if (found) return found;
  }
  return null;
}

const refused = (path: string, message: string) => new KubeknowError({ code: 'BAD_USER_INPUT', path, message });

/** What a JSON body holds, or why it cannot be read. */
export function parseJsonBody(text: string): unknown {
  // Fastify's own words for what its parser refuses too.
  if (!text.length) throw refused('', "Body cannot be empty when content-type is set to 'application/json'");
  let value: unknown;
  try {
    // JSON.parse makes "__proto__" an own key, as any other: it sets no prototype, so it can be looked for.
    value = JSON.parse(text);
  } catch {
    throw refused('', "Body is not valid JSON but content-type is set to 'application/json'");
  }
  const at = prototypeKeyAt(value);
  if (at)
    throw refused(
      String(at),
      'this key is refused: it could set an object’s prototype ("__proto__", or "prototype" under "constructor"), and no field of kubeknow has that name; leave it out',
    );
  return value;
}

/** Installs the parser for application/json bodies. */
export function jsonBodies(app: FastifyInstance, bodyLimit: number): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (err) {
      done(err as KubeknowError, undefined);
    }
  });
}
