// HTTP load against the real app on 127.0.0.1 with autocannon: bounded in time, never another host.
import http from 'node:http';
import autocannon from 'autocannon';

export interface HttpFigure {
  name: string;
  requestsPerSecond: number;
  p50ms: number;
  p99ms: number;
  errors: number;
  non2xx: number;
  /** The server's largest resident set after a round, when it ran in a process of its own. */
  rssMb?: number;
  /** Seconds from starting the server's process to its first answer. */
  startSeconds?: number;
  /** CPU time the server's process spent per answer, over all rounds, in µs: what a request costs,
   * whatever else the machine is running. */
  cpuUs?: number;
}

export interface LoadOptions {
  method?: 'GET' | 'POST';
  body?: string;
  /** Bodies sent in turn (lookups cycling over concepts), instead of one body. */
  bodies?: string[];
  headers?: Record<string, string>;
  seconds?: number;
}

/** Runs one bounded load (default 5 s, 10 connections) and returns its figures. */
export async function load(name: string, url: string, opts: LoadOptions = {}): Promise<HttpFigure> {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url)) throw new Error(`benchmarks only load 127.0.0.1, not ${url}`);
  const method = opts.method ?? 'GET';
  const result = await autocannon({
    url,
    method,
    body: opts.body,
    headers: opts.headers,
    // Each connection sends these bodies in turn, over and over.
    requests: opts.bodies?.map((body) => ({ method, body, headers: opts.headers })),
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

/** Asks each URL once, one request at a time (each a new question: no answer cache helps), and returns
 * the latencies: what one client waits, without the queueing of ten connections. */
export async function oneAtATime(name: string, urls: readonly string[]): Promise<HttpFigure> {
  const ms: number[] = [];
  const started = performance.now();
  let non2xx = 0;
  // node:http on one kept-alive connection, as curl or a service's client sends them: fetch (undici)
  // allocates several times more per request, and its own collections, in the bench's process, which
  // has run every benchmark before this one, landed in the server's p99 (5.0 against 4.7 ms, then 3.1
  // against 2.0, alternating on one server at a load of 1.4).
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (const url of urls) {
      if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url)) throw new Error(`benchmarks only load 127.0.0.1, not ${url}`);
      const t = performance.now();
      const status = await new Promise<number>((resolve, reject) =>
        http
          .get(url, { agent }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          })
          .on('error', reject),
      );
      ms.push(performance.now() - t);
      if (status >= 300) non2xx++;
    }
  } finally {
    agent.destroy();
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(ms.length * q))] * 100) / 100;
  return {
    name,
    requestsPerSecond: Math.round((urls.length * 1000) / (performance.now() - started)),
    p50ms: at(0.5),
    p99ms: at(0.99),
    errors: 0,
    non2xx,
  };
}

/** Figures as an aligned table. */
export function table(rows: HttpFigure[]): string {
  const own = rows.some((r) => r.rssMb !== undefined);
  const head = ['benchmark', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx'];
  if (own) head.push('CPU µs/req', 'RSS MB', 'start s');
  const body = rows.map((r) => [
    r.name,
    String(r.requestsPerSecond),
    String(r.p50ms),
    String(r.p99ms),
    String(r.errors),
    String(r.non2xx),
    ...(own ? [String(r.cpuUs ?? ''), String(r.rssMb ?? ''), r.startSeconds?.toFixed(2) ?? ''] : []),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  return [head, ...body]
    .map((cells) => cells.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  '))
    .join('\n');
}

/** A load of an interleaved comparison. */
export interface Target {
  name: string;
  url: string;
  options?: LoadOptions;
  /** Called before each of its rounds, and after each with the round's figure (to sample the server). */
  before?: () => void;
  after?: (figure: HttpFigure) => void;
}

/** Loads in interleaved rounds (a, b, c, a, b, c, …), so that the machine's load falls on all alike;
 * each figure is the median round's. */
export async function interleaved(rounds: number, targets: Target[], seconds: number): Promise<HttpFigure[]> {
  const runs: HttpFigure[][] = targets.map(() => []);
  for (let i = 0; i < rounds; i++) {
    for (const [j, t] of targets.entries()) {
      t.before?.();
      const figure = await load(t.name, t.url, { ...t.options, seconds });
      runs[j].push(figure);
      t.after?.(figure);
    }
  }
  return runs.map(
    (figures) => [...figures].sort((x, y) => x.requestsPerSecond - y.requestsPerSecond)[Math.floor(figures.length / 2)],
  );
}
