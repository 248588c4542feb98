// The bare stack REST lookups are measured against: node:http answering every request with
// JSON.stringify of the same document kubeknow sends, on 127.0.0.1, nothing else.
import { createServer, type Server } from 'node:http';

/** Listens on a free port of 127.0.0.1; resolves to the server and its base URL. */
export async function rawJsonServer(doc: unknown): Promise<{ server: Server; base: string }> {
  const server = createServer((_req, res) => {
    const body = JSON.stringify(doc);
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}
