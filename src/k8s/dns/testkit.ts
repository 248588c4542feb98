// Helpers for the DNS tests: records and answers as sorted zone-file lines, the form `dig` prints.
import type { Text } from '../explanation';
import type { Cluster } from '../objects';
import { deepFreeze } from '../testing/builders';
import { answer, buildIndex } from './answer';
import type { DnsOptionsInput } from './options';
import type { DnsAnswer, DnsRecord, Explanation } from './types';
import { zoneLine } from './zone';

/** Whether a record belongs to the zone itself (SOA, NS, dns-version, ns.dns) rather than to an object. */
export function isZoneRecord(r: DnsRecord): boolean {
  return r.type === 'SOA' || r.type === 'NS' || r.name.startsWith('dns-version.') || r.name.startsWith('ns.dns.');
}

/** Sorted zone lines; the zone's own records are left out unless asked for. */
export function lines(records: readonly DnsRecord[], withZone = false): string[] {
  return records
    .filter((r) => withZone || !isZoneRecord(r))
    .map(zoneLine)
    .sort();
}

export interface Dug {
  rcode: string;
  answer: string[];
  additional: string[];
}

/** An answer as `dig` shows it, sections sorted; the SOA in authority is checked separately. */
export function dug(a: DnsAnswer): Dug {
  return { rcode: a.rcode, answer: a.answer.map(zoneLine).sort(), additional: a.additional.map(zoneLine).sort() };
}

export interface AnswerCase {
  name: string;
  cluster: Cluster;
  options?: DnsOptionsInput;
  ask: { name: string; type?: string };
  rcode: 'NOERROR' | 'NXDOMAIN' | 'REFUSED';
  answer?: string[];
  additional?: string[];
  /** A phrase the explanation must contain, so the reason is tested, not only the outcome. */
  explains?: string;
}

/** Runs a table of questions: sections as zone lines, the SOA on negative answers, and the reason. */
export function runAnswerCases(cases: AnswerCase[]): void {
  for (const c of cases) {
    test(c.name, () => {
      const got = answer(buildIndex(deepFreeze(c.cluster), c.options), c.ask);
      expect(dug(got)).toEqual({
        rcode: c.rcode,
        answer: [...(c.answer ?? [])].sort(),
        additional: [...(c.additional ?? [])].sort(),
      });
      const negative = c.rcode === 'NXDOMAIN' || (c.rcode === 'NOERROR' && got.answer.length === 0);
      expect(got.authority.map((r) => r.type)).toEqual(negative ? ['SOA'] : []);
      expect(got.authoritative).toBe(c.rcode !== 'REFUSED');
      if (c.explains) expect(explanationText(got.explanation)).toContain(c.explains);
      expect(got.explanation.summary.en.length).toBeGreaterThan(20);
      expectKorean([got.explanation.summary, ...got.explanation.steps, ...got.answer.map((r) => r.rule)]);
    });
  }
}

/** The English explanation as one text, for finding a phrase in it. */
export const explanationText = (e: Explanation): string => [e.summary, ...e.steps].map((t) => t.en).join('\n');

const HANGUL = /[\uac00-\ud7a3]/;

/** Every text has a Korean rendering: written in Hangul, not the English copied. */
export function expectKorean(texts: readonly Text[]): void {
  for (const t of texts) {
    expect({ en: t.en, ko: HANGUL.test(t.ko) && t.ko !== t.en }).toEqual({ en: t.en, ko: true });
  }
}
