// A Chromium for the browser tests on any machine: CHROMIUM_PATH when set, else the system's
// (Debian's /usr/bin/chromium, which CI installs), else the build that @sparticuz/chromium, a
// devDependency, ships inside its package, so a fresh clone needs nothing installed by hand.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../src/paths';

const SYSTEM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The Chromium executable to launch, and where it came from. */
export function chromiumExecutable(): { path: string; from: string } {
  const given = process.env.CHROMIUM_PATH;
  if (given) {
    if (!existsSync(given)) throw new Error(`CHROMIUM_PATH is ${given}, which does not exist`);
    return { path: given, from: 'CHROMIUM_PATH' };
  }
  const system = SYSTEM.find((p) => existsSync(p));
  if (system) return { path: system, from: 'the system' };
  // The package is an ES module, which jest's CommonJS runtime cannot load, so a node process asks it.
  // It unpacks its brotli-compressed build into $TMPDIR/chromium once: a cache of this project's own,
  // so that another version unpacked in /tmp is never taken for this one.
  const cache = path.join(ROOT, 'node_modules/.cache/sparticuz-chromium');
  mkdirSync(cache, { recursive: true });
  const script = "import c from '@sparticuz/chromium'; console.log(await c.executablePath());";
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    env: { ...process.env, TMPDIR: cache },
    encoding: 'utf8',
  });
  return { path: out.trim(), from: '@sparticuz/chromium' };
}
