// Language and format negotiation shared by REST routes: `?lang=` over Accept-Language, then en;
// `?format=` over Accept, then JSON.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { fail } from '../errors';
import { isLocale, LOCALES, type Locale } from '../knowledge/types';

/** The locale asked for by `?lang=`, else the first supported one in Accept-Language, else en. */
export function langOf(req: FastifyRequest): Locale {
  const q = (req.query as { lang?: string } | undefined)?.lang;
  if (q) {
    if (isLocale(q)) return q;
    fail('BAD_USER_INPUT', `must be one of ${LOCALES.join(', ')}`, 'lang');
  }
  return acceptLanguage(req.headers['accept-language']);
}

/** The best supported locale of an Accept-Language header (weights respected), else en. */
export function acceptLanguage(header: string | undefined): Locale {
  const ranked = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? 1);
      return { lang: tag.split('-')[0], q: Number.isNaN(q) ? 0 : q };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((x) => x.lang).find(isLocale) ?? 'en';
}

export type Format = 'json' | 'text' | 'md' | 'ndjson';
const MEDIA: Record<string, Format> = {
  'application/json': 'json',
  'text/plain': 'text',
  'text/markdown': 'md',
  'application/x-ndjson': 'ndjson',
};

/** The output format: `?format=json|text|md` first, else the first Accept type we serve, else JSON. */
export function formatOf(req: FastifyRequest, allowed: readonly Format[] = ['json', 'text', 'md']): Format {
  const q = (req.query as { format?: string } | undefined)?.format;
  if (q) {
    if ((allowed as readonly string[]).includes(q)) return q as Format;
    fail('BAD_USER_INPUT', `must be one of ${allowed.join(', ')}`, 'format');
  }
  for (const part of (req.headers.accept ?? '').split(',')) {
    const f = MEDIA[part.split(';')[0].trim().toLowerCase()];
    if (f && allowed.includes(f)) return f;
  }
  return 'json';
}

export const CONTENT_TYPE: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  text: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

/** Sends text or markdown lines with the format's content type, the last line ended by a newline too. */
export function sendLines(reply: FastifyReply, format: Format, lines: readonly string[]): FastifyReply {
  return reply.type(CONTENT_TYPE[format]).send(`${lines.join('\n')}\n`);
}
