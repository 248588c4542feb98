// docs/dns.md quotes the kernel; these tests keep the page true when the kernel changes.
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseManifests } from '../objects';
import { answer, answerIn, buildIndex, DIFFERENCES_FROM_SPEC, recordsFor, resolveFromPod, zoneFile } from '.';

const page = readFileSync(join(__dirname, '../../../docs/dns.md'), 'utf8');

// The worked example's manifests in full; the page shows them abridged.
const manifests = `
apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec: { clusterIP: 10.96.14.2, selector: { app: web }, ports: [{ name: http, port: 80, targetPort: 8080 }] }
---
apiVersion: v1
kind: Pod
metadata: { name: web-7d4f9, namespace: shop, labels: { app: web } }
spec: { containers: [{ name: app, image: nginx, ports: [{ containerPort: 8080 }] }] }
status: { phase: Running, podIP: 10.244.1.5, podIPs: [{ ip: 10.244.1.5 }], conditions: [{ type: Ready, status: "True" }] }
---
apiVersion: v1
kind: Service
metadata: { name: db, namespace: shop }
spec: { clusterIP: None, selector: { app: db }, ports: [{ name: pg, port: 5432 }] }
---
apiVersion: v1
kind: Pod
metadata: { name: db-0, namespace: shop, labels: { app: db } }
spec: { hostname: db-0, subdomain: db, containers: [{ name: pg, image: postgres }] }
status: { phase: Running, podIP: 10.244.2.7, podIPs: [{ ip: 10.244.2.7 }], conditions: [{ type: Ready, status: "True" }] }
---
apiVersion: v1
kind: Pod
metadata: { name: db-1, namespace: shop, labels: { app: db } }
spec: { hostname: db-1, subdomain: db, containers: [{ name: pg, image: postgres }] }
status: { phase: Running, podIP: 10.244.3.9, podIPs: [{ ip: 10.244.3.9 }], conditions: [{ type: Ready, status: "False" }] }
---
apiVersion: v1
kind: Service
metadata: { name: billing, namespace: shop }
spec: { type: ExternalName, externalName: billing.example.com }
`;

describe('docs/dns.md', () => {
  const cluster = parseManifests(manifests);

  test('lists every difference from the spec that the kernel exports', () => {
    for (const d of DIFFERENCES_FROM_SPEC) expect(page).toContain(`| \`${d.id}\` | ${d.kind} |`);
  });

  test('shows the zone file the worked example really gives', () => {
    const block = page.split('`zoneFile(recordsFor(cluster))`:')[1].split('```')[1].replace(/^\n/, '');
    expect(block).toBe(zoneFile(recordsFor(cluster)));
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
