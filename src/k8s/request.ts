// The checks of a kernel request read by its facade rather than by a capability's schema (scheduling,
// in scheduling/request.ts):
// a request is plain data, checked whole before anything is computed, and every problem is reported at
// once at its field path, the request's shape (400) before its values (422).
import { KubeknowError, type Problem } from '../errors';
import { didYouMean } from '../util/suggest';
import { parseManifests, parseObjects, type Cluster } from './objects';

/** The manifests a request computes from: decoded objects, or text. Exactly one of the two. */
export interface ManifestInput {
  /** Kubernetes objects as JSON values: a list of objects and Lists (`kubectl get -o json` output), or one of them. */
  objects?: unknown;
  /** Manifest text as `kubectl get -o yaml|json` prints it: YAML (documents separated by ---) or JSON. */
  manifests?: unknown;
}

export const INPUT_FIELDS = ['objects', 'manifests'] as const;

export type Fields = Record<string, unknown>;

/**
 * The cluster and the checked fields of a request, or every problem with it at once. Problems with
 * the request's shape (400) come first, so they set the status; a manifest that cannot be read at all
 * (bad YAML, too large) is reported alone, since nothing else about it can be said.
 */
export function checked<T>(
  request: unknown,
  fields: readonly string[],
  read: (r: Fields, problems: Problem[]) => T,
): { cluster: Cluster; value: T } {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    throw new KubeknowError({ code: 'BAD_USER_INPUT', path: '', message: 'the request must be an object' });
  }
  const r = request as Fields;
  const problems: Problem[] = [];
  unknownFields(r, fields, '', problems);
  const value = read(r, problems);
  const cluster = collect(
    problems,
    () => clusterFrom(r, problems),
    (e) => e.problems.every((p) => p.code.startsWith('FIELD_')),
  );
  if (problems.length) throw new KubeknowError(problems);
  return { cluster: cluster!, value };
}

function clusterFrom(r: Fields, problems: Problem[]): Cluster | undefined {
  const { objects, manifests } = r;
  if (objects !== undefined && manifests !== undefined) {
    problems.push({
      code: 'FIELD_INVALID',
      path: 'manifests',
      message: 'give the objects or the manifests text, not both',
    });
    return undefined;
  }
  if (manifests !== undefined) {
    if (typeof manifests === 'string') return parseManifests(manifests);
    problems.push({ code: 'FIELD_INVALID', path: 'manifests', message: 'must be text: YAML or JSON manifests' });
    return undefined;
  }
  if (objects === undefined || objects === null) {
    problems.push({
      code: 'FIELD_REQUIRED',
      path: 'objects',
      message: 'required: the Kubernetes objects of the cluster (an empty list is an empty cluster)',
    });
    return undefined;
  }
  if (typeof objects !== 'object') {
    invalid(problems, 'objects', 'must be a list of Kubernetes objects', objects);
    return undefined;
  }
  return parseObjects(Array.isArray(objects) ? objects : [objects]);
}

/** The value `run` returns, or undefined with its problems added to `problems` when it throws ours. */
export function collect<T>(
  problems: Problem[],
  run: () => T | undefined,
  mergeable: (e: KubeknowError) => boolean = () => true,
): T | undefined {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof KubeknowError) || !mergeable(e)) throw e;
    problems.push(...e.problems);
    return undefined;
  }
}

/** FIELD_NOT_SUPPORTED for each given field not in `supported`, with the likeliest one it stands for. */
export function unknownFields(given: Fields, supported: readonly string[], prefix: string, problems: Problem[]): void {
  for (const key of Object.keys(given)) {
    if (given[key] === undefined || supported.includes(key)) continue;
    const hint = didYouMean(key, supported);
    const list = supported.map((f) => `"${f}"`).join(', ');
    problems.push({
      code: 'FIELD_NOT_SUPPORTED',
      path: `${prefix}${key}`,
      message: `unknown field; supported: ${list}${hint ? `. Did you mean "${hint}"?` : ''}`,
    });
  }
}

export function invalid(problems: Problem[], path: string, message: string, value: unknown): void {
  problems.push({ code: 'FIELD_INVALID', path, message, value });
}
