// `npm run seed [-- --force] [-- --check]`: loads content/ into the store and prints what changed.
// --check only validates content/ (no database); --force overwrites API edits (revisions keep them).
import { loadContent } from '../knowledge/content/load';
import { seedContent } from '../knowledge/seed';
import { runCommand, withMigratedDatabase } from './command';

async function main(args: string[]): Promise<void> {
  const content = loadContent();
  if (args.includes('--check')) {
    console.log(`content/ is valid: ${content.concepts.length} concepts, ${content.references.length} references`);
    return;
  }
  const opener = {
    command: 'npm run seed',
    instead:
      'If that is the server, stop it first: it seeds content/ itself when it starts, so restarting it is enough (`npm run seed -- --force` also overwrites API edits). Otherwise wait for it to end.',
  };
  await withMigratedDatabase(opener, async (db) => {
    const r = await seedContent(db.prisma, content, { force: args.includes('--force') });
    console.log(`concepts: ${r.created.length} created, ${r.updated.length} updated, ${r.unchanged.length} unchanged`);
    console.log(
      `references: ${r.references.created.length} created, ${r.references.updated.length} updated, ${r.references.unchanged.length} unchanged`,
    );
    for (const c of r.conflicts)
      console.log(
        `CONFLICT ${c.slug}: ${c.reason}; not overwritten (use --force to overwrite; the revision keeps the edit)`,
      );
    for (const c of r.references.conflicts) console.log(`CONFLICT reference ${c.key}: ${c.reason}; not overwritten`);
    if (r.conflicts.length || r.references.conflicts.length) process.exitCode = 3;
  });
}

runCommand(main);
