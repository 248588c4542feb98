// A compute pool thread (src/capabilities/pool.ts) when kubeknow runs from its TypeScript sources, as
// under jest, which compiles only in its own thread: each .ts file is compiled as it is required, as
// ts-jest compiles it (transpiled only, with tsconfig.json's options), so the thread runs exactly the
// code under test. Compiled files are kept in node_modules/.cache by a hash of their source, so only
// the first thread after a change pays for compiling (seconds: the kernel is a few hundred files).
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { threadId } = require('node:worker_threads');
const ts = require('typescript');
const { workerData } = require('piscina');

const root = path.resolve(__dirname, '..');
const config = ts.getParsedCommandLineOfConfigFile(
  path.join(root, 'tsconfig.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  },
);
// Source maps are for debuggers; inline ones would only make every cached file larger.
const options = { ...config.options, sourceMap: false, inlineSourceMap: false, declaration: false };
const cache = path.join(root, 'node_modules/.cache/kubeknow-ts');
const salt = JSON.stringify([ts.version, options]);

function compiled(filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha256').update(salt).update(filename).update(source).digest('hex');
  const file = path.join(cache, `${key}.js`);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    const js = ts.transpileModule(source, { compilerOptions: options, fileName: filename }).outputText;
    // Written whole, then renamed: threads compiling the same file at once never read half of it.
    fs.mkdirSync(cache, { recursive: true });
    const partial = `${file}.${process.pid}.${threadId}`;
    fs.writeFileSync(partial, js);
    fs.renameSync(partial, file);
    return js;
  }
}

require.extensions['.ts'] = (module, filename) => module._compile(compiled(filename), filename);

module.exports = require(workerData.entry);
