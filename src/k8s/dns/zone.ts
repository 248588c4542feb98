// Records as zone-file lines (RFC 1035 §5.1), the form `dig` prints, so a test expectation or an
// answer can be compared with a real cluster line by line.
import { parseIp } from '../objects';
import { labelsOf } from './names';
import type { DnsRecord, RecordType } from './types';

/** What a zone-file line shows of a record: not why it exists, so a record in either language fits. */
export type ZoneRecord = Omit<DnsRecord, 'rule' | 'source'>;

/** `name ttl IN TYPE data`, with TXT data quoted. */
export function zoneLine(record: ZoneRecord): string {
  const data = record.type === 'TXT' ? `"${record.data.replace(/(["\\])/g, '\\$1')}"` : record.data;
  return `${record.name} ${record.ttl} ${record.class} ${record.type} ${data}`;
}

const TYPE_ORDER: Record<RecordType, number> = { SOA: 0, NS: 1, A: 2, AAAA: 3, CNAME: 4, SRV: 5, PTR: 6, TXT: 7 };

/**
 * A zone file of the records, one line each, deterministically sorted: SOA and NS first, then names
 * in DNSSEC canonical order (RFC 4034 §6.1: compared label by label from the right, so a Service,
 * its SRV names and its endpoints sit together), then type, then data (addresses numerically).
 */
export function zoneFile(records: readonly ZoneRecord[]): string {
  const keyed = records.map((r) => ({ line: zoneLine(r), r, labels: labelsOf(r.name).reverse(), data: dataKey(r) }));
  keyed.sort((a, b) => {
    const apex =
      Number(b.r.type === 'SOA') - Number(a.r.type === 'SOA') || Number(b.r.type === 'NS') - Number(a.r.type === 'NS');
    return (
      apex ||
      compareLabels(a.labels, b.labels) ||
      TYPE_ORDER[a.r.type] - TYPE_ORDER[b.r.type] ||
      compare(a.data, b.data) ||
      compare(a.line, b.line)
    );
  });
  const lines: string[] = [];
  for (const k of keyed) if (lines[lines.length - 1] !== k.line) lines.push(k.line);
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function compareLabels(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compare(a[i], b[i]);
    if (c) return c;
  }
  return a.length - b.length;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Addresses compare as numbers (10.0.0.9 before 10.0.0.10); SRV data by target, then port. */
function dataKey(r: ZoneRecord): string {
  if (r.type === 'A' || r.type === 'AAAA') {
    const ip = parseIp(r.data);
    if (ip) return ip.bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  }
  if (r.srv) return `${r.srv.target} ${String(r.srv.port).padStart(5, '0')}`;
  return r.data;
}
