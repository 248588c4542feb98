// The API server's error text, as `kubectl apply` prints it: apimachinery's errors.NewInvalid
// (staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go) around field.Error.Error()
// (staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go).
import type { Problem } from '../../errors';

/** A field's Go rendering in `Invalid value: …`: numbers and booleans bare, strings quoted, lists as `[]string{…}`. */
export function goValue(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string'))
    return `[]string{${v.map((x) => JSON.stringify(x)).join(', ')}}`;
  return JSON.stringify(v);
}

/** One field error: `spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range…`. */
export const invalidField = (path: string, value: unknown, detail: string): string =>
  `${path}: Invalid value: ${goValue(value)}: ${detail}`;

/** `Group.Kind` as errors.NewInvalid qualifies it: `Service`, `Deployment.apps`, `Job.batch`. */
export function qualifiedKind(kind: string, apiVersion: string): string {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return group ? `${kind}.${group}` : kind;
}

/**
 * errors.NewInvalid's message: the field errors through ErrorList.ToAggregate, which drops a repeated message
 * (field/errors.go), and the aggregate's Error() (staging/src/k8s.io/apimachinery/pkg/util/errors/errors.go):
 * one error as it is, several joined with ", " in brackets.
 */
export function invalidObject(kind: string, apiVersion: string, name: string, fieldErrors: string[]): string {
  const distinct = [...new Set(fieldErrors)];
  const body = distinct.length === 1 ? distinct[0] : `[${distinct.join(', ')}]`;
  return `${qualifiedKind(kind, apiVersion)} ${JSON.stringify(name)} is invalid: ${body}`;
}

const OWN_TYPES = ['Forbidden: ', 'Duplicate value: '];

/** A kernel validation problem as a field error: its path relative to the object, and its text. */
export function problemAsFieldError(p: Problem, objectPath: string): string {
  const path = p.path.startsWith(objectPath) ? p.path.slice(objectPath.length).replace(/^\./, '') : p.path;
  // field.Forbidden and field.Duplicate print their own type, without "Invalid value" (ErrorBody in
  // field/errors.go); the kernel words them as FIELD_INVALID problems whose message starts with it.
  if (p.code === 'FIELD_INVALID' && OWN_TYPES.some((t) => p.message.startsWith(t))) return `${path}: ${p.message}`;
  if (p.code === 'FIELD_INVALID' && p.value !== undefined) return invalidField(path, p.value, p.message);
  return `${path}: ${p.code === 'FIELD_INVALID' ? `Invalid value: ${p.message}` : p.message}`;
}
