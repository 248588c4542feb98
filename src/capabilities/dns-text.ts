// DNS answers as text for a model or a terminal: dig's sections, zone-file lines, a resolution's steps.
import { zoneFile, zoneLine, type DnsAnswer, type DnsRecord, type ResolveResult } from '../k8s/dns';

/** A DNS answer as `dig` prints it, followed by why. */
export function digText(a: DnsAnswer): string {
  const section = (name: string, records: DnsAnswer['answer']) =>
    records.length ? [`;; ${name} SECTION:`, ...records.map(zoneLine), ''] : [];
  return [
    `;; QUESTION: ${a.question.name} IN ${a.question.type}`,
    `;; status: ${a.rcode}${a.authoritative ? ', authoritative (aa)' : ', not authoritative'}`,
    '',
    ...section('ANSWER', a.answer),
    ...section('AUTHORITY', a.authority),
    ...section('ADDITIONAL', a.additional),
    `Why: ${a.explanation.summary}`,
    ...a.explanation.steps.map((s) => `- ${s}`),
  ].join('\n');
}

/** The records as a zone file, sorted as dig lists a zone, with each record's rule as a comment when asked. */
export function zoneText(records: readonly DnsRecord[], explain: boolean): string {
  const rules = new Map(records.map((r) => [zoneLine(r), r.rule]));
  const lines = zoneFile(records)
    .trimEnd()
    .split('\n')
    .map((line) => (explain && rules.get(line) ? `${line} ; ${rules.get(line)}` : line));
  return [`; ${lines.length} records (zone file, sorted as dig would list the zone)`, ...lines].join('\n');
}

/** A resolution from inside a Pod: its resolv.conf, the names tried, the answer, and why. */
export function resolutionText(r: ResolveResult, name: string, type: string): string {
  const who = r.from.pod ? `Pod ${r.from.namespace}/${r.from.pod}` : `a Pod in namespace ${r.from.namespace}`;
  const from = `${who} (dnsPolicy ${r.from.dnsPolicy}${r.from.hostNetwork ? ', hostNetwork' : ''})`;
  return [
    `Resolving "${name}" ${type} from ${from}.`,
    '',
    '/etc/resolv.conf:',
    ...r.resolvConf.text.split('\n').map((l) => `    ${l}`),
    ...r.resolvConf.notes.map((n) => `Note: ${n}`),
    '',
    'Names tried, in order:',
    ...r.tried.map(
      (t, i) => `${i + 1}. ${t.name} → ${t.rcode}, ${t.answerCount} answer(s)${t.note ? ` (${t.note})` : ''}`,
    ),
    '',
    r.answer ? digText(r.answer) : 'No name in the search list had records.',
    '',
    `Summary: ${r.explanation.summary}`,
    ...r.explanation.steps.map((s) => `- ${s}`),
  ].join('\n');
}
