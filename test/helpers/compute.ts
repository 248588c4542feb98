// The heaviest computation the default budget allows, and /metrics read as numbers: what the fault
// tests of the worker threads and of clients that leave mid-computation send and read.
import { DEFAULT_LIMITS } from '../../src/capabilities/budget';

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
// Just under MAX_REQUEST_COST: the Deployment, its Pods, one unit per 100 Pod-Node pairs (three Nodes
// in the simulated cluster: 3 % more), the Nodes themselves.
export const HEAVIEST = Math.floor((DEFAULT_LIMITS.maxCost - 20) / 1.03);

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
