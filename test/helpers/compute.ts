// The heaviest computation the default budget allows, and /metrics read as numbers: what the fault
// tests of the worker threads and of clients that leave mid-computation send and read.
import { DEFAULT_LIMITS } from '../../src/capabilities/budget';
import { COMPUTED_FIELD_COST } from '../../src/graphql/cost';
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

// Through GraphQL, whose estimate adds to the dry-run's cost the field itself, its variables by the KiB
// (3 in all here) and what any computed field costs besides its input (COMPUTED_FIELD_COST).
export const HEAVIEST_BY_GRAPHQL = heaviest(DEFAULT_LIMITS.maxCost - 3 - COMPUTED_FIELD_COST);

/** POSTs the Deployment to the dry-run apply; aborting `signal` closes the connection, as a client that leaves. */
export const apply = (url: string, replicas: number, signal?: AbortSignal) =>
  fetch(`${url}/v1/cluster/apply`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(deployment(replicas)),
    signal,
  });

const json = { 'content-type': 'application/json' };

/** Asks GraphQL's clusterApply for the settled objects of the Deployment. */
export const applyByGraphql = (url: string, replicas: number) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({
      query: 'query($o: JSON!) { clusterApply(objects: $o) { objects } }',
      variables: { o: [deployment(replicas)] },
    }),
  });

/** Calls the MCP tool cluster_apply on the Deployment: one JSON-RPC message, answered as JSON. */
export const applyByMcp = (url: string, replicas: number) =>
  fetch(`${url}/mcp`, {
    method: 'POST',
    headers: { ...json, accept: 'application/json, text/event-stream' },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'cluster_apply', arguments: { objects: [deployment(replicas)] } },
    }),
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
