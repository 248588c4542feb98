// Pages and files of the browser UIs (Swagger UI, GraphiQL), all from node_modules: the UIs work with
// no internet and never send a request to another host (their Content-Security-Policy forbids it).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { fail } from '../errors';
import { documentHeaders } from '../http/headers';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'";

/** A file of an installed package. */
export interface Asset {
  pkg: string;
  file: string;
}
const TYPES: Record<string, string> = {
  js: 'application/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  png: 'image/png',
};

// Each file is read once per process: they are megabytes, and they only change with node_modules.
const loaded = new Map<string, Buffer>();
function read({ pkg, file }: Asset): Buffer {
  const key = `${pkg}/${file}`;
  let body = loaded.get(key);
  if (!body) {
    body = readFileSync(path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file));
    // The source maps are not served, so a browser's devtools should not ask for them.
    if (file.endsWith('.js'))
      body = Buffer.from(body.toString('utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'));
    loaded.set(key, body);
  }
  return body;
}

/** GET <prefix>/assets/:name for a fixed set of files from node_modules, plus a generated start.js. */
export function assetRoutes(app: FastifyInstance, prefix: string, assets: Record<string, Asset>, start: string): void {
  app.get<{ Params: { name: string } }>(`${prefix}/assets/:name`, { schema: { hide: true } }, async (req, reply) => {
    const name = req.params.name;
    if (name !== 'start.js' && !Object.hasOwn(assets, name)) fail('NOT_FOUND', `no asset "${name}"`, 'name');
    reply.header('Cache-Control', 'public, max-age=3600').type(TYPES[name.split('.').pop()!]);
    return reply.send(name === 'start.js' ? start : read(assets[name]));
  });
}

/** An HTML page that loads these styles and scripts from <prefix>/assets/, then its start.js. */
export const page = (
  title: string,
  prefix: string,
  styles: string[],
  scripts: string[],
  body: string,
) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
${styles.map((f) => `<link rel="stylesheet" href="${prefix}/assets/${f}">`).join('\n')}
</head>
${body}
${[...scripts, 'start.js'].map((f) => `<script src="${prefix}/assets/${f}"></script>`).join('\n')}
</body>
</html>
`;

/** A handler that sends the page under the Content-Security-Policy above. */
export const html = (body: string) => async (_req: unknown, reply: FastifyReply) =>
  documentHeaders(reply).type('text/html; charset=utf-8').header('Content-Security-Policy', CSP).send(body);
