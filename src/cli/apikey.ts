// `npm run apikey -- create [--scope read|write|admin[,…]] [--name NAME]`: prints a new key once.
// `npm run apikey -- list` and `npm run apikey -- revoke PREFIX`.
// Where the keys are: while a server holds the embedded database, only it may open it, so the
// command asks the server's admin API (its URL and a local admin key are in the lock file); with
// `--url URL` it asks that server, with the admin key of KUBEKNOW_ADMIN_KEY or `--key`; otherwise
// it opens the database itself (PostgreSQL, or a PGlite directory no process holds). A PGlite
// directory with no database in it is refused unless `--init` asks for one: a key made there works
// on no server (the usual cause is a PGLITE_DIR other than the server's).
import fs from 'node:fs';
import path from 'node:path';
import { createApiKey, deleteLocalKeys, listApiKeys, revokeApiKey, SCOPES, type ApiKeyView } from '../auth/keys';
import { databaseFromEnv } from '../db/config';
import { describeHolder, lockHolder } from '../db/lock';
import { columns } from '../util/columns';
import { didYouMeanText } from '../util/suggest';
import { runCommand, withMigratedDatabase } from './command';

const USAGE = `usage: npm run apikey -- create [--scope ${SCOPES.join('|')}[,…]] [--name NAME] | list | revoke PREFIX
  [--url http://host:port]  ask that server's admin API, with the admin key in KUBEKNOW_ADMIN_KEY (or --key KEY)
  [--init]                  create the embedded database at PGLITE_DIR if there is none yet (before a server's first start)`;

/** What the command does with keys, wherever they are. */
interface Keys {
  create(name: string | undefined, scopes: string[] | undefined): Promise<{ key: string; apiKey: ApiKeyView }>;
  list(): Promise<ApiKeyView[]>;
  revoke(prefix: string): Promise<ApiKeyView>;
}

/** The values of an option (`--scope a,b` and `--scope a --scope b` alike); undefined when not given. */
function option(args: string[], name: string): string[] | undefined {
  const at = args.flatMap((a, i) => (a === `--${name}` ? [i] : []));
  if (!at.length) return undefined;
  return at.flatMap((i) => {
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value\n${USAGE}`);
    return value.split(',');
  });
}

// The admin API of a running server: problems come back as problem+json, whose detail is printed.
function viaApi(url: string, key: string): Keys {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(new URL(path, url), {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(15_000),
    }).catch((err: Error) => {
      throw new Error(`cannot reach the server at ${url}: ${err.message}`);
    });
    const out = (await res.json().catch(() => ({}))) as T & { detail?: string };
    if (!res.ok) throw new Error(`${url} answered ${res.status}: ${out.detail ?? res.statusText}`);
    return out;
  };
  return {
    create: (name, scopes) => call('POST', '/v1/admin/keys', { name, scopes }),
    list: async () => (await call<{ items: ApiKeyView[] }>('GET', '/v1/admin/keys?limit=500')).items,
    revoke: (prefix) => call('DELETE', `/v1/admin/keys/${encodeURIComponent(prefix)}`),
  };
}

async function run(keys: Keys, args: string[]): Promise<void> {
  const [verb, arg] = args;
  if (verb === 'create') {
    const { key, apiKey } = await keys.create(option(args, 'name')?.join(','), option(args, 'scope'));
    console.log(key);
    console.error(
      `created key ${apiKey.prefix} (${apiKey.name}) with scopes ${apiKey.scopes.join(', ')}; it is shown only now`,
    );
  } else if (verb === 'list') {
    const rows = (await keys.list())
      .reverse()
      .map((k) => [k.prefix, k.name, k.scopes.join(','), k.revokedAt ? 'revoked' : 'active']);
    for (const line of columns(['prefix', 'name', 'scopes', 'status'], rows)) console.log(line);
  } else if (verb === 'revoke' && arg) {
    console.log(`revoked ${(await keys.revoke(arg)).prefix}`);
  } else throw new Error(USAGE);
}

// The options each verb takes, besides --url and --key: anything else is refused before any key is
// touched (`--scopes write` made a read-only key when it was ignored).
const OPTIONS: Record<string, readonly string[]> = { create: ['scope', 'name'], list: [], revoke: [] };
const POSITIONALS: Record<string, number> = { create: 1, list: 1, revoke: 2 };
// Options without a value, which every verb takes.
const FLAGS: readonly string[] = ['init'];

// PostgreSQL writes PG_VERSION first when it creates a data directory: without it there is no database.
function refuseMissingDatabase(dataDir: string): void {
  if (fs.existsSync(path.join(dataDir, 'PG_VERSION'))) return;
  throw new Error(
    `no database at ${dataDir}: the server keeps its data where PGLITE_DIR (or DATABASE_URL) points, ` +
      `so run this with the same setting as the server, or pass --url to ask a running server. ` +
      `To create a new database there (before a server's first start), add --init.`,
  );
}

function checkArguments(args: string[]): void {
  const verb = args[0];
  const known = OPTIONS[verb];
  if (!known) throw new Error(USAGE);
  const takes = [...known, 'url', 'key'];
  let positionals = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) {
      positionals++;
      continue;
    }
    const name = a.slice(2);
    if (!takes.includes(name) && !FLAGS.includes(name))
      throw new Error(
        `${verb} takes no option ${a}${didYouMeanText(name, [...takes, ...FLAGS]).replace(/"([^"]+)"/, '"--$1"')}\n${USAGE}`,
      );
    if (!FLAGS.includes(name)) i++;
  }
  if (positionals !== POSITIONALS[verb]) throw new Error(USAGE);
}

async function main(args: string[]): Promise<void> {
  checkArguments(args);
  const url = option(args, 'url')?.[0];
  if (url) {
    const key = option(args, 'key')?.[0] ?? process.env.KUBEKNOW_ADMIN_KEY;
    if (!key) throw new Error(`--url needs a key with the admin scope: set KUBEKNOW_ADMIN_KEY (or --key)\n${USAGE}`);
    return run(viaApi(url, key), args);
  }
  const config = databaseFromEnv();
  // PGLITE_DIR=memory: each process has its own database, gone when it ends, so a key made here would
  // be one no server knows (the new-user review's key, refused by the in-memory server it was for).
  if (config.kind === 'pglite' && !config.dataDir)
    throw new Error(
      'PGLITE_DIR=memory keeps a database inside one process only: a key made here would work on no server. ' +
        'Keys need a database the server and this command share: give the server a data directory (PGLITE_DIR) ' +
        'or PostgreSQL (DATABASE_URL), or pass --url to ask a running server with its admin key.',
    );
  const holder = config.kind === 'pglite' && config.dataDir ? lockHolder(config.dataDir) : null;
  if (holder?.url && holder.adminKey) {
    console.error(`${describeHolder(holder)} holds the database: asking its admin API`);
    return run(viaApi(holder.url, holder.adminKey), args);
  }
  if (config.kind === 'pglite' && config.dataDir && !args.includes('--init')) refuseMissingDatabase(config.dataDir);
  const opener = {
    command: 'npm run apikey',
    instead:
      'If that is a server still starting, run this again once it listens: this command then asks the server. Otherwise wait for it to end, or pass --url to ask a server.',
  };
  await withMigratedDatabase(opener, async (db) => {
    // No server holds the database now, so a server's local key left by a crash is of no use.
    if (config.kind === 'pglite') await deleteLocalKeys(db.prisma);
    await run(
      {
        create: (name, scopes) => createApiKey(db.prisma, name, scopes),
        list: async () => (await listApiKeys(db.prisma, 500)).items,
        revoke: (prefix) => revokeApiKey(db.prisma, prefix),
      },
      args,
    );
  });
}

runCommand(main);
