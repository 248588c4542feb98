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

/** How Go's decoder names a value its UnmarshalTypeError refuses: a number that does not fit, with it. */
function goJsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return `number ${v}`;
  return typeof v === 'boolean' ? 'bool' : typeof v === 'string' ? 'string' : 'object';
}

/**
 * A value of the wrong JSON type never reaches validation: the API server's decoder refuses the body
 * (transformDecodeError, k8s.io/apiserver/pkg/endpoints/handlers/rest.go, around encoding/json's
 * UnmarshalTypeError), e.g. `Deployment in version "v1" cannot be handled as a Deployment: json: cannot
 * unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`.
 */
export function undecodable(kind: string, apiVersion: string, goField: string, v: unknown, goType: string): string {
  const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
  return `${kind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: json: cannot unmarshal ${goJsonType(v)} into Go struct field ${goField} of type ${goType}`;
}

/**
 * Unknown fields never reach validation either: kubectl asks for strict field validation, and the decoder
 * refuses the body with all of them (the strict decoding error of k8s.io/apimachinery's runtime/serializer/json,
 * around sigs.k8s.io/json's), e.g. `Deployment in version "v1" cannot be handled as a Deployment: strict
 * decoding error: unknown field "spec.replica"`. Each field keeps the kernel's "did you mean".
 */
export function strictDecodingError(kind: string, apiVersion: string, unknownFields: string[]): string {
  const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
  return `${kind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: strict decoding error: ${unknownFields.join(', ')}`;
}

const OWN_TYPES = ['Forbidden: ', 'Duplicate value: ', 'Too long: '];

/** A kernel validation problem as a field error: its path relative to the object, and its text. */
export function problemAsFieldError(p: Problem, objectPath: string): string {
  const path = p.path.startsWith(objectPath) ? p.path.slice(objectPath.length).replace(/^\./, '') : p.path;
  // field.Forbidden, field.Duplicate and field.TooLong print their own type, without "Invalid value" (ErrorBody in
  // field/errors.go); the kernel words them as FIELD_INVALID problems whose message starts with it.
  if (p.code === 'FIELD_INVALID' && OWN_TYPES.some((t) => p.message.startsWith(t))) return `${path}: ${p.message}`;
  if (p.code === 'FIELD_INVALID' && p.value !== undefined) return invalidField(path, p.value, p.message);
  return `${path}: ${p.code === 'FIELD_INVALID' ? `Invalid value: ${p.message}` : p.message}`;
}
