// docs/dns.md quotes the kernel; these tests keep the page true when the kernel changes.
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseManifests } from '../objects';
import { answer, answerIn, buildIndex, DIFFERENCES_FROM_SPEC, resolveFromPod } from '.';

const page = readFileSync(join(__dirname, '../../../docs/dns.md'), 'utf8');

// The worked example's manifests, as the page gives them (test/dns-api.test.ts checks its zone through REST).
const manifests = page.split('save them as `shop.yaml`')[1].split('```yaml\n')[1].split('```')[0];

describe('docs/dns.md', () => {
  const cluster = parseManifests(manifests);

  test('lists every difference from the spec that the kernel exports', () => {
    for (const d of DIFFERENCES_FROM_SPEC) expect(page).toContain(`| \`${d.id}\` | ${d.kind} |`);
  });

  test('shows the answers the worked example really gives', () => {
    const index = buildIndex(cluster);
    const summary = (name: string, type: string) => {
      const a = answer(index, { name, type });
      return `${a.rcode} ${a.answer.map((r) => r.data).join(',')}`;
    };
    expect(summary('web.shop.svc.cluster.local', 'A')).toBe('NOERROR 10.96.14.2');
    expect(summary('db.shop.svc.cluster.local', 'A')).toBe('NOERROR 10.244.2.7');
    expect(summary('web.shop.svc.cluster.local', 'AAAA')).toBe('NOERROR ');
    expect(summary('db-1.db.shop.svc.cluster.local', 'A')).toBe('NXDOMAIN ');
    expect(summary('billing.shop.svc.cluster.local', 'A')).toBe('NOERROR billing.example.com.');
    expect(summary('7.2.244.10.in-addr.arpa', 'PTR')).toBe('NOERROR db-0.db.shop.svc.cluster.local.');
    expect(page).toContain(
      JSON.stringify(
        answerIn(answer(index, { name: 'web.shop.svc.cluster.local', type: 'A' }), 'en').explanation,
        null,
        2,
      ),
    );
  });

  test('shows the search-path walk the worked example really gives', () => {
    const walk = (name: string) =>
      resolveFromPod(cluster, { name, fromNamespace: 'test' }).tried.map((t) => `${t.name} ${t.rcode}`);
    expect(walk('web')).toEqual([
      'web.test.svc.cluster.local. NXDOMAIN',
      'web.svc.cluster.local. NXDOMAIN',
      'web.cluster.local. NXDOMAIN',
      'web. REFUSED',
    ]);
    expect(walk('web.shop')).toEqual([
      'web.shop.test.svc.cluster.local. NXDOMAIN',
      'web.shop.svc.cluster.local. NOERROR',
    ]);
  });
});
