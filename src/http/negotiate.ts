// Language and format negotiation for HTTP: Accept-Language for the reader's language, `?format=`
// over Accept for the representation.
import type { FastifyRequest } from 'fastify';
import { fail } from '../errors';
import { isLocale, type Locale } from '../knowledge/types';

/** The best supported locale of an Accept-Language header (weights respected), else en. */
export function acceptLanguage(header: string | undefined): Locale {
  return preferredLanguage(header) ?? 'en';
}

/** The best supported locale of an Accept-Language header (weights respected), if it names one. */
export function preferredLanguage(header: string | undefined): Locale | undefined {
  const ranked = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? 1);
      return { lang: tag.split('-')[0], q: Number.isNaN(q) ? 0 : q };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((x) => x.lang).find(isLocale);
}

// The formats an Accept header can choose; others (zone, yaml) only by `?format=`.
const MEDIA: Record<string, string> = {
  'application/json': 'json',
  'text/plain': 'text',
  'text/markdown': 'md',
  'application/x-ndjson': 'ndjson',
};

/** The output format: `?format=` (or the route's own parameter) first, else (for `format`) the first
 * Accept type among those allowed, else the first allowed. */
export function formatOf<F extends string>(req: FastifyRequest, allowed: readonly F[], param = 'format'): F {
  const q = (req.query as Record<string, unknown> | undefined)?.[param];
  if (q !== undefined) {
    if ((allowed as readonly unknown[]).includes(q)) return q as F;
    fail('BAD_USER_INPUT', `must be one of ${allowed.join(', ')}`, param);
  }
  // A route's own parameter (kubectl's `output`) names renderings Accept cannot tell apart: `-o json` and
  // the default answer are both application/json, so only the parameter chooses.
  if (param !== 'format') return allowed[0];
  for (const part of (req.headers.accept ?? '').split(',')) {
    const f = MEDIA[part.split(';')[0].trim().toLowerCase()];
    if (f && (allowed as readonly string[]).includes(f)) return f as F;
  }
  return allowed[0];
}
