// HTTP load against the real app on 127.0.0.1 with autocannon: bounded in time, never another host.
import autocannon from 'autocannon';

export interface HttpFigure {
  name: string;
  requestsPerSecond: number;
  p50ms: number;
  p99ms: number;
  errors: number;
  non2xx: number;
}

/** Runs one bounded load (default 5 s, 10 connections) and returns its figures. */
export async function load(
  name: string,
  url: string,
  opts: { method?: 'GET' | 'POST'; body?: string; headers?: Record<string, string>; seconds?: number } = {},
): Promise<HttpFigure> {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url)) throw new Error(`benchmarks only load 127.0.0.1, not ${url}`);
  const result = await autocannon({
    url,
    method: opts.method ?? 'GET',
    body: opts.body,
    headers: opts.headers,
    connections: 10,
    duration: opts.seconds ?? 5,
  });
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

/** Figures as an aligned table. */
export function table(rows: HttpFigure[]): string {
  const head = ['benchmark', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx'];
  const body = rows.map((r) => [
    r.name,
    String(r.requestsPerSecond),
    String(r.p50ms),
    String(r.p99ms),
    String(r.errors),
    String(r.non2xx),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  return [head, ...body]
    .map((cells) => cells.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  '))
    .join('\n');
}
