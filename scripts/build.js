#!/usr/bin/env node
// Builds kubeknow: generates the Prisma client, then compiles TypeScript to dist/ with tsc.
// Skips what is up to date, so `npm start` after `npm ci` starts at once.
//   node scripts/build.js              build what is stale
//   node scripts/build.js --force      build everything
//   node scripts/build.js --generate   only the Prisma client (what tests need)
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return fs.readdirSync(p).reduce((m, f) => (f === 'generated' ? m : Math.max(m, newest(path.join(p, f)))), st.mtimeMs);
}
const mtime = (p) => (fs.existsSync(p) ? fs.statSync(p).mtimeMs : 0);
function run(cmd, argv, env) {
  execFileSync(process.execPath, [require.resolve(cmd, { paths: [root] }), ...argv], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
}

/** Builds what is stale (everything with force); with generateOnly, only the Prisma client. */
function build({ force = false, generateOnly = false } = {}) {
  const schema = path.join(root, 'prisma/schema.prisma');
  const client = path.join(root, 'src/generated/prisma/client.ts');
  if (force || mtime(client) < mtime(schema)) {
    // `prisma generate` never runs the schema engine, but the CLI looks for one at start and would try
    // to download it (failing offline); pointing it at any executable satisfies that check.
    run('prisma/build/index.js', ['generate'], {
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    });
  }
  if (generateOnly) return;

  const stamp = path.join(root, 'dist/.build-stamp');
  const sources = Math.max(
    newest(path.join(root, 'src')),
    newest(path.join(root, 'bench')),
    newest(path.join(root, 'test/search-eval')),
    mtime(schema),
    mtime(path.join(root, 'tsconfig.json')),
  );
  if (force || mtime(stamp) < sources) {
    // On a slow or busy machine this is minutes of silence before the server's first line.
    process.stderr.write('kubeknow: compiling TypeScript to dist/ (after a change to the sources only)…\n');
    run('typescript/bin/tsc', ['-p', 'tsconfig.json']);
    fs.writeFileSync(stamp, new Date().toISOString() + '\n');
  }
}

module.exports = { build };

if (require.main === module) {
  const args = new Set(process.argv.slice(2));
  build({ force: args.has('--force'), generateOnly: args.has('--generate') });
}
