// The built server (`npm start`'s entry, dist/src/server.js) as a child process, on a free port,
// with its JSON log lines collected. npm test builds dist/ before jest runs.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../../src/paths';

export const SERVER_ENTRY = path.join(ROOT, 'dist/src/server.js');

export interface ServerProcess {
  child: ChildProcess;
  logs: Record<string, unknown>[];
  /** Resolves with the URL once the server listens. */
  listening: Promise<string>;
  exited: Promise<number | null>;
}

const running = new Set<ChildProcess>();

/** Kills every server still running (afterEach: a failed assertion must not leave one behind). */
export function killServers(): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  running.clear();
}

/**
 * Spawns the server with env over the test's environment. NODE_ENV is production, as users run it:
 * under jest it is "test", and libraries behave differently then (Apollo installs no signal handlers).
 */
export function spawnServer(env: NodeJS.ProcessEnv): ServerProcess {
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    env: { ...process.env, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const logs: Record<string, unknown>[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const listening = new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>;
        buffer = buffer.slice(nl + 1);
        logs.push(line);
        const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(String(line.msg));
        if (m) resolve(m[1]);
      }
    });
    void exited.then((code) => reject(new Error(`server exited with ${code} before listening: ${stderr}`)));
  });
  listening.catch(() => undefined); // a test that never waits for it must not fail on it
  return { child, logs, listening, exited };
}

/** Waits until ok() or ms pass (then the caller's assertion reports what is missing). */
export async function waitFor(ok: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  for (const end = Date.now() + ms; !(await ok()) && Date.now() < end;) await new Promise((r) => setTimeout(r, 20));
}
