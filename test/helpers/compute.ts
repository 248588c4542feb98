// The heaviest computation the default budget allows, and /metrics read as numbers: what the fault
// tests of the worker threads and of clients that leave mid-computation send and read.
import { DEFAULT_LIMITS } from '../../src/capabilities/budget';
import { dryRunCost } from '../../src/k8s/cluster';

/** A Deployment of `replicas` Pods, for the dry-run apply: its cost is about its replicas. */
export const deployment = (replicas: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
  },
});
/** The most replicas whose dry-run on the simulated cluster's three Nodes costs at most `maxCost`
 * (MAX_REQUEST_COST unless given), counted by the dry-run's own cost. */
export function heaviest(maxCost = DEFAULT_LIMITS.maxCost): number {
  let replicas = 1;
  while (dryRunCost([deployment(replicas + 1)], undefined) <= maxCost) replicas++;
  return replicas;
}

// The heaviest dry-run MAX_REQUEST_COST allows on the default three Nodes.
export const HEAVIEST = heaviest();

/** POSTs the Deployment to the dry-run apply; aborting `signal` closes the connection, as a client that leaves. */
export const apply = (url: string, replicas: number, signal?: AbortSignal) =>
  fetch(`${url}/v1/cluster/apply`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(deployment(replicas)),
    signal,
  });

/** The metrics /metrics reports, by series (name and labels as printed). */
export async function metrics(url: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const series = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (m) series.set(m[1], Number(m[2]));
  }
  return series;
}
