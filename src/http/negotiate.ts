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

// The formats an Accept header can choose by name; others (zone, yaml) only by `?format=`, or by a
// wildcard when they are the route's default.
const MEDIA: Record<string, string> = {
  json: 'application/json',
  text: 'text/plain',
  md: 'text/markdown',
  ndjson: 'application/x-ndjson',
};

interface MediaRange {
  type: string;
  q: number;
  /** Its place in the header: among equal weights, the one named first wins. */
  place: number;
}

/** An Accept header's media ranges with their weights (RFC 9110 §12.5.1); a bad weight counts as 0. */
export function mediaRanges(header: string): MediaRange[] {
  return header.split(',').flatMap((part, place) => {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    if (!type) return [];
    const w = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = w === undefined ? 1 : Number(w.slice(2));
    return [{ type: type.trim(), q: Number.isFinite(q) && q >= 0 && q <= 1 ? q : 0, place }];
  });
}

// The weight Accept gives a media type: that of the most specific range that matches it (an exact
// type, then type/*, then */*), so `text/plain;q=0, */*` refuses text and takes everything else.
function weightOf(ranges: MediaRange[], media: string | undefined): MediaRange | undefined {
  const [major] = (media ?? '').split('/');
  return (
    (media && ranges.find((r) => r.type === media)) ||
    (media && ranges.find((r) => r.type === `${major}/*`)) ||
    ranges.find((r) => r.type === '*/*')
  );
}

/** The output format: `?format=` (or the route's own parameter) first, else the best the Accept header
 * takes among those allowed (NOT_ACCEPTABLE when it takes none), else the first allowed. */
export function formatOf<F extends string>(req: FastifyRequest, allowed: readonly F[], param = 'format'): F {
  const q = (req.query as Record<string, unknown> | undefined)?.[param];
  if (q !== undefined) {
    if ((allowed as readonly unknown[]).includes(q)) return q as F;
    fail('BAD_USER_INPUT', `must be one of ${allowed.join(', ')}`, param);
  }
  // A route's own parameter (kubectl's `output`) names renderings Accept cannot tell apart: `-o json` and
  // the default answer are both application/json, so only the parameter chooses.
  if (param !== 'format') return allowed[0];
  const header = req.headers.accept?.trim();
  if (!header) return allowed[0];
  const ranges = mediaRanges(header);
  let best: { format: F; q: number; place: number } | undefined;
  for (const format of allowed) {
    const w = weightOf(ranges, MEDIA[format]);
    if (w && w.q > 0 && (!best || w.q > best.q || (w.q === best.q && w.place < best.place)))
      best = { format, q: w.q, place: w.place };
  }
  if (best) return best.format;
  const named = allowed.flatMap((f) => (MEDIA[f] ? [MEDIA[f]] : []));
  return fail(
    'NOT_ACCEPTABLE',
    `nothing here matches this Accept header; send ${[...named, '*/*'].join(', ')}, or ?${param}= one of ${allowed.join(', ')}`,
    'Accept',
  );
}
