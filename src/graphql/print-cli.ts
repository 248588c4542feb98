// `npm run schema`: writes schema.graphql at the project root from the code.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../paths';
import { printKubeknowSchema, SCHEMA_FILE } from './print';

async function main(): Promise<void> {
  const file = path.join(ROOT, SCHEMA_FILE);
  fs.writeFileSync(file, await printKubeknowSchema());
  process.stdout.write(`wrote ${path.relative(process.cwd(), file) || file}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
