// DNS answers as text for a model or a terminal: dig's sections, zone-file lines, a resolution's steps,
// with the framing words in the answer's language (dig's own section names stay as dig prints them).
import { zoneFile, zoneLine, type AnswerIn, type Language, type RecordIn, type ResolutionIn } from '../k8s/dns';

// The words around the kernel's sentences, in each language the explanations are written in.
const WORDS = {
  en: {
    authoritative: 'authoritative (aa)',
    notAuthoritative: 'not authoritative',
    why: 'Why',
    records: (n: number) => `${n} records (zone file, sorted as dig would list the zone)`,
    resolving: (name: string, type: string, from: string) => `Resolving "${name}" ${type} from ${from}.`,
    podIn: (ns: string) => `a Pod in namespace ${ns}`,
    note: 'Note',
    tried: 'Names tried, in order:',
    answers: (n: number) => `${n} answer(s)`,
    noRecords: 'No name in the search list had records.',
    summary: 'Summary',
  },
  ko: {
    authoritative: 'authoritative (aa)',
    notAuthoritative: 'authoritative 아님',
    why: '이유',
    records: (n: number) => `레코드 ${n}개 (zone 파일, dig가 zone을 나열하는 순서)`,
    resolving: (name: string, type: string, from: string) => `${from}에서 "${name}" ${type} 해석.`,
    podIn: (ns: string) => `namespace ${ns}의 Pod`,
    note: '참고',
    tried: '시도한 이름(순서대로):',
    answers: (n: number) => `응답 ${n}개`,
    noRecords: 'search 목록의 어떤 이름에도 레코드가 없다.',
    summary: '요약',
  },
} as const satisfies Record<Language, unknown>;

/** A DNS answer as `dig` prints it, followed by why. */
export function digText(a: AnswerIn, lang: Language): string {
  const w = WORDS[lang];
  const section = (name: string, records: readonly RecordIn[]) =>
    records.length ? [`;; ${name} SECTION:`, ...records.map(zoneLine), ''] : [];
  return [
    `;; QUESTION: ${a.question.name} IN ${a.question.type}`,
    `;; status: ${a.rcode}, ${a.authoritative ? w.authoritative : w.notAuthoritative}`,
    '',
    ...section('ANSWER', a.answer),
    ...section('AUTHORITY', a.authority),
    ...section('ADDITIONAL', a.additional),
    `${w.why}: ${a.explanation.summary}`,
    ...a.explanation.steps.map((s) => `- ${s}`),
  ].join('\n');
}

/** The records as a zone file, sorted as dig lists a zone, with each record's rule as a comment when asked. */
export function zoneText(records: readonly RecordIn[], explain: boolean, lang: Language): string {
  const rules = new Map(records.map((r) => [zoneLine(r), r.rule]));
  const lines = zoneFile(records)
    .trimEnd()
    .split('\n')
    .map((line) => (explain && rules.get(line) ? `${line} ; ${rules.get(line)}` : line));
  return [`; ${WORDS[lang].records(lines.length)}`, ...lines].join('\n');
}

/** A resolution from inside a Pod: its resolv.conf, the names tried, the answer, and why. */
export function resolutionText(r: ResolutionIn, name: string, type: string, lang: Language): string {
  const w = WORDS[lang];
  // from.pod is already `namespace/name`.
  const who = r.from.pod ? `Pod ${r.from.pod}` : w.podIn(r.from.namespace);
  const from = `${who} (dnsPolicy ${r.from.dnsPolicy}${r.from.hostNetwork ? ', hostNetwork' : ''})`;
  return [
    w.resolving(name, type, from),
    '',
    '/etc/resolv.conf:',
    ...r.resolvConf.text.split('\n').map((l) => `    ${l}`),
    ...r.resolvConf.notes.map((n) => `${w.note}: ${n}`),
    '',
    w.tried,
    ...r.tried.map(
      (t, i) => `${i + 1}. ${t.name} → ${t.rcode}, ${w.answers(t.answerCount)}${t.note ? ` (${t.note})` : ''}`,
    ),
    '',
    r.answer ? digText(r.answer, lang) : w.noRecords,
    '',
    `${w.summary}: ${r.explanation.summary}`,
    ...r.explanation.steps.map((s) => `- ${s}`),
  ].join('\n');
}
