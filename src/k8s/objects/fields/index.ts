// Unknown fields refused as the API server's strict field validation refuses them (kubectl apply's
// default, --validate=strict): `strict decoding error: unknown field "spec.replica"`. Without it a
// misspelt field (`replica: 3`, `requiredDuringSchedulingIgnoreDuringExecution`) would be dropped
// without a word and the answer computed as if it were not there.
import { MAX_PROBLEMS, type FieldPath } from '../../../errors';
import { didYouMean } from '../../../util/suggest';
import { isObj, type Reader } from '../read';
import { CATALOG, CHECKED_KINDS } from './catalog';

const PREFIX = 'unknown field ';

/** Whether a problem's message is an unknown field's (the dry-run words those as a strict decoding error). */
export const isUnknownFieldMessage = (message: string): boolean => message.startsWith(PREFIX);

/** The field's path as the API server's decoder prints it: `spec.template.spec.containers[0].claims`. */
const join = (at: string, key: string): string => (at ? `${at}.${key}` : key);

function walk(r: Reader, v: unknown, type: string, path: FieldPath, at: string): void {
  if (Array.isArray(v)) {
    v.forEach((item, i) => walk(r, item, type, path.index(i), `${at}[${i}]`));
    return;
  }
  const fields = CATALOG.get(type);
  // A value of the wrong type is refused by the kind's reader; a scalar has no fields.
  if (!isObj(v) || !fields) return;
  for (const [key, value] of Object.entries(v)) {
    const inner = fields.get(key);
    if (inner === undefined) {
      // Only the problems an error lists get a hint: a body of 50 000 unknown keys spent a minute of CPU
      // on suggestions no one would see.
      const hint = r.problems.size < MAX_PROBLEMS ? didYouMean(key, [...fields.keys()]) : undefined;
      const message = `${PREFIX}${JSON.stringify(join(at, key))}${hint ? ` (did you mean ${JSON.stringify(hint)}?)` : ''}`;
      r.problems.add('FIELD_NOT_SUPPORTED', path.child(key), message);
    } else if (inner !== '' && inner !== '*') walk(r, value, inner, path.child(key), join(at, key));
  }
}

/** Records a problem for every field of the object that its kind does not have, at its path, with the
 * nearest known field as "Did you mean". A kind or version the catalog does not hold is not checked. */
export function checkFields(r: Reader, value: Record<string, unknown>, path: FieldPath): void {
  const { kind, apiVersion } = value;
  if (typeof kind !== 'string' || typeof apiVersion !== 'string') return;
  if (!Object.hasOwn(CHECKED_KINDS, kind) || !CHECKED_KINDS[kind].includes(apiVersion)) return;
  walk(r, value, kind, path, '');
}
