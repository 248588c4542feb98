#!/usr/bin/env node
// Runs a built entry point after building what is stale: `node scripts/run.js server`, `… cli/seed --force`.
'use strict';
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const [entry, ...args] = process.argv.slice(2);
execFileSync(process.execPath, [path.join(__dirname, 'build.js')], { cwd: root, stdio: 'inherit' });
process.argv = [process.argv[0], path.join(root, 'dist/src', `${entry}.js`), ...args];
require(process.argv[1]);
