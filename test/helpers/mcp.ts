// An MCP client of a test app over real HTTP: the app listens on a free loopback port (once), and the
// client connects to its /mcp with the headers given (an API key) on every request.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { AddressInfo } from 'node:net';
import type { TestApp } from './app';

export async function mcpClient(t: TestApp, name: string, headers: Record<string, string> = {}): Promise<Client> {
  if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
  const url = new URL(`http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/mcp`);
  const client = new Client({ name, version: '1' });
  await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers } }));
  return client;
}
