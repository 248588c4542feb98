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

/** Two loads in interleaved rounds (a, b, a, b, …), so that the machine's load falls on both alike; each
 * figure is the median round's, and the ratio is b's req/s over a's. */
export async function interleaved(
  rounds: number,
  a: { name: string; url: string },
  b: { name: string; url: string },
  seconds: number,
): Promise<{ rows: [HttpFigure, HttpFigure]; ratio: number }> {
  const runs: [HttpFigure[], HttpFigure[]] = [[], []];
  for (let i = 0; i < rounds; i++) {
    runs[0].push(await load(a.name, a.url, { seconds }));
    runs[1].push(await load(b.name, b.url, { seconds }));
  }
  const median = (figures: HttpFigure[]) =>
    [...figures].sort((x, y) => x.requestsPerSecond - y.requestsPerSecond)[Math.floor(figures.length / 2)];
  const rows: [HttpFigure, HttpFigure] = [median(runs[0]), median(runs[1])];
  return { rows, ratio: rows[1].requestsPerSecond / rows[0].requestsPerSecond };
}
