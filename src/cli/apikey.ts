// `npm run apikey -- create --scope write [--name portal]`: prints a new key once.
// `npm run apikey -- revoke <prefix>` and `npm run apikey -- list`.
import { createApiKey, revokeApiKey, SCOPES, type Scope } from '../auth/keys';
import { runCommand, withMigratedDatabase } from './command';

function option(args: string[], name: string): string[] {
  return args.flatMap((a, i) => (a === `--${name}` && args[i + 1] ? args[i + 1].split(',') : []));
}

async function main(args: string[]): Promise<void> {
  await withMigratedDatabase(async (db) => {
    if (args[0] === 'create') {
      const scopes = option(args, 'scope') as Scope[];
      const name = option(args, 'name')[0] ?? 'unnamed';
      const { key, prefix } = await createApiKey(db.prisma, name, scopes.length ? scopes : ['read']);
      console.log(key);
      console.error(`created key ${prefix} (${name}) with scopes ${scopes.join(', ') || 'read'}; it is shown only now`);
    } else if (args[0] === 'revoke' && args[1]) {
      console.log((await revokeApiKey(db.prisma, args[1])) ? `revoked ${args[1]}` : `no active key ${args[1]}`);
    } else if (args[0] === 'list') {
      for (const k of await db.prisma.apiKey.findMany({ orderBy: { id: 'asc' } })) {
        console.log(`${k.prefix}\t${k.name}\t${k.scopes.join(',')}\t${k.revokedAt ? 'revoked' : 'active'}`);
      }
    } else {
      throw new Error(
        `usage: npm run apikey -- create --scope ${SCOPES.join('|')}[,…] [--name NAME] | revoke PREFIX | list`,
      );
    }
  });
}

runCommand(main);
