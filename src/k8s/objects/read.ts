// Typed reads from untyped manifest values. Every read that fails records a problem at its field path
// and returns a fallback, so validation carries on and reports every problem at once.
import { FieldPath, Problems } from '../../errors';
import { isQualifiedName, isValidLabelValue } from './names';
import { notSupportedMessage } from './suggest';

export const INT32_MAX = 2 ** 31 - 1;

export type Obj = Record<string, unknown>;

/** Whether a value is a plain JSON object (not an array, Date, Map or class instance). */
export function isObj(value: unknown): value is Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  // Object.prototype of any realm (jest runs tests in a vm context): a prototype with no prototype.
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

const absent = (v: unknown): v is undefined | null => v === undefined || v === null;

/** Reads fields and collects problems; one Reader serves a whole input. */
export class Reader {
  constructor(readonly problems: Problems = new Problems()) {}

  required(path: FieldPath, detail?: string): void {
    this.problems.add('FIELD_REQUIRED', path, detail ? `Required value: ${detail}` : 'Required value');
  }
  invalid(path: FieldPath, message: string, value?: unknown): void {
    this.problems.add('FIELD_INVALID', path, message, value);
  }
  /** Records each message of a validator (names.ts) as its own problem, as Kubernetes lists them. */
  check(path: FieldPath, value: string, messages: string[]): void {
    for (const m of messages) this.invalid(path, m, value);
  }
  duplicate(path: FieldPath, value: unknown): void {
    this.invalid(path, `Duplicate value: ${JSON.stringify(value)}`, value);
  }
  notSupported(path: FieldPath, value: unknown, supported: readonly string[]): void {
    this.problems.add('FIELD_NOT_SUPPORTED', path, notSupportedMessage(value, supported), value);
  }

  obj(v: unknown, path: FieldPath): Obj | undefined {
    if (absent(v)) return undefined;
    if (isObj(v)) return v;
    this.invalid(path, 'must be an object', v);
    return undefined;
  }
  str(v: unknown, path: FieldPath): string | undefined {
    if (absent(v)) return undefined;
    if (typeof v === 'string') return v;
    // YAML 1.1, which Kubernetes reads, makes booleans of unquoted y, n, yes, no, on and off: a Pod named
    // `n` arrives as false, and "must be a string" alone would puzzle.
    const hint =
      typeof v === 'boolean' ? ' (YAML reads an unquoted y, n, yes, no, on or off as a boolean: quote it)' : '';
    this.invalid(path, `must be a string${hint}`, v);
    return undefined;
  }
  /** A string that must be present and non-empty. */
  reqStr(v: unknown, path: FieldPath): string | undefined {
    const s = this.str(v, path);
    if (s === '' || absent(v)) this.required(path);
    return s || undefined;
  }
  int(v: unknown, path: FieldPath): number | undefined {
    if (absent(v)) return undefined;
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    this.invalid(path, 'must be an integer', v);
    return undefined;
  }
  /** An int32 of at least `min`, or the default when absent. */
  count(v: unknown, path: FieldPath, min: number, def: number): number {
    const n = this.int(v, path);
    if (n === undefined) return def;
    if (n < min)
      this.invalid(
        path,
        min === 0 ? 'must be greater than or equal to 0' : `must be greater than or equal to ${min}`,
        n,
      );
    // The fields read as counts (replicas, probe periods and thresholds) are int32: the API server
    // cannot even decode a larger number into them ("cannot unmarshal number … of type int32").
    else if (n > INT32_MAX) {
      this.invalid(path, `must be less than or equal to ${INT32_MAX} (an int32)`, n);
      return def;
    }
    return n;
  }
  bool(v: unknown, path: FieldPath, def: boolean): boolean {
    if (absent(v)) return def;
    if (typeof v === 'boolean') return v;
    this.invalid(path, 'must be a boolean', v);
    return def;
  }
  list(v: unknown, path: FieldPath): unknown[] {
    if (absent(v)) return [];
    if (Array.isArray(v)) return v;
    this.invalid(path, 'must be a list', v);
    return [];
  }
  strList(v: unknown, path: FieldPath): string[] {
    return this.list(v, path).flatMap((item, i) => this.str(item, path.index(i)) ?? []);
  }
  strMap(v: unknown, path: FieldPath): Record<string, string> {
    const o = this.obj(v, path) ?? {};
    const out: Record<string, string> = {};
    for (const [k, val] of Object.entries(o)) {
      const s = this.str(val, path.key(k));
      if (s !== undefined) out[k] = s;
    }
    return out;
  }
  /** A label map (metadata.labels, a selector): keys are qualified names, values label values. */
  labels(v: unknown, path: FieldPath): Record<string, string> {
    const out = this.strMap(v, path);
    for (const [k, val] of Object.entries(out)) {
      this.check(path, k, isQualifiedName(k));
      this.check(path.key(k), val, isValidLabelValue(val));
    }
    return out;
  }
  /** One of an enum's values; absent gives the default, anything else is FIELD_NOT_SUPPORTED. */
  oneOf<T extends string>(v: unknown, path: FieldPath, values: readonly T[], def: T): T;
  oneOf<T extends string>(v: unknown, path: FieldPath, values: readonly T[], def?: T): T | undefined;
  oneOf<T extends string>(v: unknown, path: FieldPath, values: readonly T[], def?: T): T | undefined {
    if (absent(v) || v === '') return def;
    if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
    this.notSupported(path, v, values);
    return def;
  }
  /** A port number, 1–65535 (validation.IsValidPortNum's InclusiveRangeError words it "…, inclusive"). */
  port(v: unknown, path: FieldPath): number | undefined {
    const n = this.int(v, path);
    if (n !== undefined && (n < 1 || n > 65535)) this.invalid(path, 'must be between 1 and 65535, inclusive', n);
    return n;
  }
}
