// The request shapes of the Secret facades, checked whole before anything is built: every problem
// with the request's shape at its field path, at once. What kubectl itself refuses is checked after,
// in kubectl's order, and reported as kubectl's one message (build.ts).
import { FieldPath, KubeknowError, type Problem } from '../../errors';
import { didYouMean } from '../objects';
import { goBase64Decode } from './base64';

/** Bounds on one request, so that its work is bounded (the HTTP body limit of 1 MiB bounds it too). */
export const SECRET_LIMITS = { maxSources: 1000, maxFileBytes: 1024 * 1024 } as const;

type Fields = Record<string, unknown>;

/** One --from-file source: the file's name (and optional key) and its content. */
export interface FileSource {
  key?: string;
  filename: string;
  content: Uint8Array;
}

/** Collects problems with a request and reads its fields. */
export class RequestReader {
  readonly problems: Problem[] = [];
  constructor(readonly fields: Fields) {}

  static of(request: unknown, supported: readonly string[]): RequestReader {
    if (typeof request !== 'object' || request === null || Array.isArray(request))
      throw new KubeknowError({ code: 'BAD_USER_INPUT', path: '', message: 'the request must be a JSON object' });
    const r = new RequestReader(request as Fields);
    r.unknown(r.fields, supported, FieldPath.root());
    return r;
  }

  unknown(o: Fields, supported: readonly string[], at: FieldPath): void {
    for (const key of Object.keys(o)) {
      if (o[key] === undefined || supported.includes(key)) continue;
      const hint = didYouMean(key, supported);
      const list = supported.map((f) => `"${f}"`).join(', ');
      const message = `unknown field; supported: ${list}${hint ? `. Did you mean "${hint}"?` : ''}`;
      this.problems.push({ code: 'FIELD_NOT_SUPPORTED', path: String(at.child(key)), message });
    }
  }
  private invalid(path: FieldPath, message: string): undefined {
    this.problems.push({ code: 'FIELD_INVALID', path: String(path), message });
    return undefined;
  }
  required(path: FieldPath, message: string): undefined {
    this.problems.push({ code: 'FIELD_REQUIRED', path: String(path), message });
    return undefined;
  }
  /** A string field; values are never echoed back in problems, since they may be secret. */
  str(v: unknown, path: FieldPath, required = false): string | undefined {
    if (v === undefined || v === null) return required ? this.required(path, 'required: a string') : undefined;
    return typeof v === 'string' ? v : this.invalid(path, 'must be a string');
  }
  bool(v: unknown, path: FieldPath): boolean {
    if (v === undefined || v === null) return false;
    return typeof v === 'boolean' ? v : (this.invalid(path, 'must be true or false') ?? false);
  }
  list(v: unknown, path: FieldPath): unknown[] {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) return this.invalid(path, 'must be a list') ?? [];
    if (v.length > SECRET_LIMITS.maxSources)
      return this.invalid(path, `must have at most ${SECRET_LIMITS.maxSources} entries`) ?? [];
    return v;
  }
  strings(v: unknown, path: FieldPath): string[] {
    return this.list(v, path).flatMap((item, i) => this.str(item, path.index(i), true) ?? []);
  }
  fileSources(v: unknown, path: FieldPath): FileSource[] {
    return this.list(v, path).flatMap((item, i) => {
      const p = path.index(i);
      if (typeof item !== 'object' || item === null || Array.isArray(item))
        return this.invalid(p, 'must be an object: { "key"?, "filename", "contentBase64" }') ?? [];
      const o = item as Fields;
      this.unknown(o, ['key', 'filename', 'contentBase64'], p);
      const key = this.str(o.key, p.child('key'));
      const filename = this.str(o.filename, p.child('filename'), true);
      if (filename === '') this.required(p.child('filename'), 'required: the file name kubectl was given');
      const content = this.base64(o.contentBase64, p.child('contentBase64'));
      return filename && content ? [{ ...(key !== undefined ? { key } : {}), filename, content }] : [];
    });
  }
  private base64(v: unknown, path: FieldPath): Uint8Array | undefined {
    const text = this.str(v, path, true);
    if (text === undefined) return undefined;
    const decoded = goBase64Decode(Buffer.from(text, 'latin1'));
    if ('errorAt' in decoded) return this.invalid(path, `illegal base64 data at input byte ${decoded.errorAt}`);
    if (decoded.bytes.length > SECRET_LIMITS.maxFileBytes)
      return this.invalid(path, `must decode to at most ${SECRET_LIMITS.maxFileBytes} bytes`);
    return decoded.bytes;
  }
  /** Throws every problem found, marked sensitive: transports must not log them with their values. */
  throwIfAny(): void {
    if (this.problems.length) throw new KubeknowError(this.problems, { sensitive: true });
  }
}
