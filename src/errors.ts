// One registry of error codes for every transport. Each code has a row in docs/errors.md, and
// test/errors.test.ts fails when the two differ. Codes are never reused for another meaning.
export const ERROR_STATUS = {
  FIELD_REQUIRED: 422,
  FIELD_INVALID: 422,
  FIELD_NOT_SUPPORTED: 422,
  MANIFEST_UNPARSABLE: 400,
  PAYLOAD_TOO_LARGE: 413,
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  NOT_ACCEPTABLE: 406,
  CONFLICT: 409,
  UNSUPPORTED_MEDIA_TYPE: 415,
  CONTENT_INVALID: 422,
  INTERNAL: 500,
  NOT_READY: 503,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  REQUEST_TIMEOUT: 408,
  HEADERS_TOO_LARGE: 431,
  URI_TOO_LONG: 414,
  COST_LIMIT_EXCEEDED: 413,
  RESPONSE_TOO_LARGE: 413,
  OVERLOADED: 503,
  // nginx's code for a client that closed the connection first: logged, never seen by that client.
  CLIENT_CLOSED_REQUEST: 499,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export interface Problem {
  code: ErrorCode;
  path: string; // 'objects[1].spec.ports[0].port', or '' for the input as a whole
  message: string; // 'must be between 1 and 65535, inclusive'
  value?: unknown; // the offending value, when showing it helps
}

/** The one error type the services and the kernel throw; transports map it to their format. */
// Array.isArray narrows a readonly array to any[], which would type the problems as any.
const isProblemList = (p: readonly Problem[] | Problem): p is readonly Problem[] => Array.isArray(p);

/** The most problems an error lists; the rest are counted in one last problem. A body of 70 000 unknown
 * keys was a 20 MB answer of 70 000 problems and a 10 MB `detail`, 2.6 s of CPU to build (issue 10). */
export const MAX_PROBLEMS = 20;

/** The first MAX_PROBLEMS problems, then one that says how many more there are, and of which codes. */
function firstProblems(list: readonly Problem[]): readonly Problem[] {
  if (list.length <= MAX_PROBLEMS + 1) return list;
  const rest = list.slice(MAX_PROBLEMS);
  const codes = [...new Set(rest.map((p) => p.code))].join(', ');
  const more: Problem = {
    code: rest[0].code,
    path: '',
    message: `and ${rest.length} more problems (${codes}), not listed: fix the ones above and send again`,
  };
  return [...list.slice(0, MAX_PROBLEMS), more];
}

export class KubeknowError extends Error {
  readonly problems: readonly Problem[];
  constructor(
    problems: readonly Problem[] | Problem,
    readonly details?: Record<string, unknown>,
  ) {
    const list = firstProblems(isProblemList(problems) ? problems : [problems]);
    super(list.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; '));
    this.name = 'KubeknowError';
    this.problems = list;
  }
  /** The code of the first problem: the one a transport reports as the error's code. */
  get code(): ErrorCode {
    return this.problems[0]?.code ?? 'INTERNAL';
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** A single-problem error about the input as a whole (or one named path). */
export function fail(code: ErrorCode, message: string, path = '', details?: Record<string, unknown>): never {
  throw new KubeknowError([{ code, path, message }], details);
}

/** A field path built step by step, printed as Kubernetes prints them: `objects[1].spec.ports[0].port`. */
export class FieldPath {
  private constructor(private readonly text: string) {}
  static root(name = ''): FieldPath {
    return new FieldPath(name);
  }
  child(name: string): FieldPath {
    return new FieldPath(this.text ? `${this.text}.${name}` : name);
  }
  index(i: number): FieldPath {
    return new FieldPath(`${this.text}[${i}]`);
  }
  key(k: string): FieldPath {
    return new FieldPath(`${this.text}[${JSON.stringify(k)}]`);
  }
  toString(): string {
    return this.text;
  }
}

/** Whether `path` is `at` or a field under it. */
const isAtOrUnder = (path: string, at: string): boolean =>
  path === at || path.startsWith(`${at}.`) || path.startsWith(`${at}[`);

/** Collects problems during validation, then throws them all at once. */
export class Problems {
  private readonly list: Problem[] = [];
  add(code: ErrorCode, path: FieldPath | string, message: string, value?: unknown): void {
    const at = String(path);
    // A value of the wrong type (`spec: 5`, `containers: "x"`) is one problem, FIELD_INVALID: what it
    // holds is not missing, so nothing at or under it is also "Required value". The API server stops
    // at such a value too, as its decoder does ("cannot unmarshal number into Go struct field Pod.spec").
    if (code === 'FIELD_REQUIRED' && this.list.some((p) => p.code === 'FIELD_INVALID' && isAtOrUnder(at, p.path)))
      return;
    this.list.push({ code, path: at, message, ...(value === undefined ? {} : { value }) });
  }
  get size(): number {
    return this.list.length;
  }
  throwIfAny(): void {
    if (this.list.length) throw new KubeknowError(this.list);
  }
}

/** A path given as segments (zod's issue.path) in the same spelling as FieldPath. */
export function pathOf(segments: readonly PropertyKey[]): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i ? '.' : ''}${String(s)}`)).join('');
}
