#!/usr/bin/env node
// Runs a built entry point after building what is stale: `node scripts/run.js server`, `… cli/seed --force`.
'use strict';
const path = require('node:path');
const { build } = require('./build');

const root = path.resolve(__dirname, '..');
const [entry, ...args] = process.argv.slice(2);
// In this process: a node process of its own for the check was a tenth of a second of every start.
build();
process.argv = [process.argv[0], path.join(root, 'dist/src', `${entry}.js`), ...args];
require(process.argv[1]);
