// Who may talk to /mcp. A web page can make a browser send requests to a server on localhost, and
// DNS rebinding can make a hostile name resolve to 127.0.0.1; checking Origin and Host stops both
// (the MCP Streamable HTTP transport's security warning). Keys and scopes are checked per call.
import { fail } from '../errors';

export interface McpOptions {
  /** Every tool call and resource read needs an API key with the read scope. */
  requireKey?: boolean;
  /** Host header values accepted besides localhost, 127.0.0.1 and [::1]: `name` (any port) or `name:port`. */
  allowedHosts?: string[];
  /** Origins (scheme://host[:port]) accepted besides pages served from localhost, 127.0.0.1 and [::1]. */
  allowedOrigins?: string[];
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Reads MCP_REQUIRE_KEY, MCP_ALLOWED_HOSTS and MCP_ALLOWED_ORIGINS; PUBLIC_URL's host and origin are allowed too. */
export function mcpOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): McpOptions {
  const hosts = list(env.MCP_ALLOWED_HOSTS);
  const origins = list(env.MCP_ALLOWED_ORIGINS);
  if (env.PUBLIC_URL) {
    if (!URL.canParse(env.PUBLIC_URL))
      throw new Error(
        `PUBLIC_URL must be an absolute URL such as https://kubeknow.example.com, not "${env.PUBLIC_URL}"`,
      );
    const url = new URL(env.PUBLIC_URL);
    hosts.push(url.host);
    origins.push(url.origin);
  }
  return {
    requireKey: /^(1|true|yes|on)$/i.test(env.MCP_REQUIRE_KEY ?? ''),
    allowedHosts: hosts,
    allowedOrigins: origins,
  };
}

// A Host header as RFC 9112 §3.2 takes it: a name or an IP literal, then a port of digits after a colon
// when there is a colon. `localhost:` and `localhost:99999` passed as localhost, and the MCP transport,
// which builds a URL of the Host, then answered an empty 400 (hostile review).
const HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9._~!$&'()*+,;=%-]+)(?::(\d{1,5}))?$/;

/** The name of a Host header (`[::1]:4000` → `[::1]`, lower case), or null when it is not a host[:port]
 * that makes a URL: an empty port, a port over 65535, a character no host has. */
function hostnameOf(header: string): string | null {
  const host = header.trim().toLowerCase();
  const match = HOST.exec(host);
  if (!match || Number(match[2] ?? 0) > 65535 || !URL.canParse(`http://${host}/`)) return null;
  return match[1];
}

/** Whether a Host header names this server: loopback on any port, or an allowed host. */
export function isAllowedHost(header: string | undefined, allowed: readonly string[] = []): boolean {
  const host = (header ?? '').trim().toLowerCase();
  const name = hostnameOf(host);
  if (!name) return false;
  return LOOPBACK.has(name) || allowed.some((a) => a.toLowerCase() === host || a.toLowerCase() === name);
}

/** Whether an Origin header (when a browser sends one) is a loopback page or an allowed origin. */
export function isAllowedOrigin(header: string | undefined, allowed: readonly string[] = []): boolean {
  if (header === undefined) return true;
  let origin: URL;
  try {
    origin = new URL(header);
  } catch {
    return false; // includes the opaque origin "null" (sandboxed frames, file: pages)
  }
  if (LOOPBACK.has(origin.hostname)) return true;
  return allowed.some((a) => {
    try {
      return new URL(a).origin === origin.origin;
    } catch {
      return false;
    }
  });
}

/** BAD_USER_INPUT for a Host that is not host[:port]; FORBIDDEN unless both the Host and the Origin of a request may reach the MCP endpoint. */
export function checkMcpRequest(headers: { host?: string; origin?: string }, opts: McpOptions): void {
  // A Host that is no host at all is a bad request (RFC 9112 §3.2: 400), before asking whether it is allowed.
  if (headers.host !== undefined && headers.host.trim() !== '' && !hostnameOf(headers.host))
    fail(
      'BAD_USER_INPUT',
      `Host "${headers.host}" is not a host[:port]: name a host and, after a colon, a port up to 65535 (or no colon)`,
      'headers.host',
    );
  if (!isAllowedHost(headers.host, opts.allowedHosts)) {
    fail(
      'FORBIDDEN',
      `Host "${headers.host ?? ''}" is not allowed for /mcp: use localhost, 127.0.0.1 or [::1], or add the host to MCP_ALLOWED_HOSTS (DNS-rebinding protection)`,
      'headers.host',
    );
  }
  if (!isAllowedOrigin(headers.origin, opts.allowedOrigins)) {
    fail(
      'FORBIDDEN',
      `Origin "${headers.origin}" is not allowed for /mcp: only pages on localhost may call it unless MCP_ALLOWED_ORIGINS lists the origin (DNS-rebinding protection)`,
      'headers.origin',
    );
  }
}
