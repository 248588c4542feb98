// One process per embedded database. PGlite is PostgreSQL compiled into this process: two processes
// on one directory each run their own postgres over the same files, which corrupts them (a second
// `npm run apikey` beside `npm start` left a directory that no longer opened). So a process takes
// an exclusive lock file in the directory before PGlite opens it, and anything else refuses.
//
// The lock is a file created with O_EXCL holding its holder's pid, so a server killed with SIGKILL
// leaves it behind; the next process sees that pid is gone (or now names another program, by its
// start time in /proc) and takes the lock over, as PostgreSQL itself treats a stale postmaster.pid.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'kubeknow.lock';

/** What the lock file says about its holder. */
export interface LockHolder {
  pid: number;
  /** The pid's start time (clock ticks after boot, from /proc/<pid>/stat), so a reused pid is not taken for the holder. */
  pidStart: string | null;
  host: string;
  /** What holds it, for people: `npm start`, `npm run seed`. */
  command: string;
  startedAt: string;
  /** A server's address, once it listens, and a key with the admin scope that it made for local commands. */
  url?: string;
  adminKey?: string;
}

/** A held lock: `update` rewrites what it says, `release` removes it. */
export interface DirectoryLock {
  readonly file: string;
  update(extra: Pick<LockHolder, 'url' | 'adminKey'>): void;
  release(): void;
}

/** Another live process holds the directory; `holder` says which. */
export class DirectoryInUse extends Error {
  constructor(
    readonly dir: string,
    readonly holder: LockHolder,
    instead: string,
  ) {
    // Another host's process cannot be checked: a directory copied from there keeps its lock.
    const copied =
      holder.host === os.hostname()
        ? ''
        : ` If no process on ${holder.host} uses this directory (it was copied from there), delete ${path.join(dir, LOCK_FILE)}.`;
    super(
      `${dir} is in use by ${describeHolder(holder)}. An embedded (PGlite) database is opened by one process ` +
        `at a time, and opening it from a second one corrupts it, so this command did not open it. ${instead}${copied}`,
    );
    this.name = 'DirectoryInUse';
  }
}

/** "`npm start` (pid 123 on host h, since …, serving http://…)". */
export function describeHolder(h: LockHolder): string {
  const serving = h.url ? `, serving ${h.url}` : '';
  return `${h.command} (pid ${h.pid} on host ${h.host}, since ${h.startedAt}${serving})`;
}

// A pid's state and start time, fields 3 and 22 of /proc/<pid>/stat; null where /proc is not there (macOS).
function procStat(pid: number): { state: string; start: string } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces; fields are counted after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0], start: fields[19] };
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, but another user's
  }
}

/** Whether the lock's holder may still be running: its pid is alive and is the same process. */
function isHeld(h: LockHolder): boolean {
  // Another host's pids cannot be checked (a directory on a shared volume): assume it runs.
  if (h.host !== os.hostname()) return true;
  // Our own pid in a lock we do not hold (`held` is checked first) was an earlier process's.
  if (h.pid === process.pid) return false;
  if (!isAlive(h.pid)) return false;
  const stat = procStat(h.pid);
  // A killed process not yet reaped (a zombie) holds no files; a pid that started later is another process.
  return !(stat && (stat.state === 'Z' || (h.pidStart && stat.start !== h.pidStart)));
}

// Directories this process holds: a second open in one process would corrupt the files as well.
const held = new Set<string>();

/** The holder named by the lock file of `dir`, if a live process holds it. */
export function lockHolder(dir: string): LockHolder | null {
  const h = readHolder(path.join(dir, LOCK_FILE));
  return h && (held.has(path.resolve(dir)) || isHeld(h)) ? h : null;
}

function readHolder(file: string): LockHolder | null {
  try {
    const h = JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
    return Number.isInteger(h.pid) ? h : null;
  } catch (err) {
    // A lock cut short (the holder died while writing it) holds nothing; a missing one neither.
    if (err instanceof SyntaxError || (err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

function write(file: string, holder: LockHolder, flag: 'wx' | 'w'): void {
  // 0600: the lock may carry the server's local admin key, as readable as the database files themselves.
  const fd = fs.openSync(file, flag, 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(holder, null, 2) + '\n');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Takes the lock of a PGlite directory (made if missing) for this process, or throws DirectoryInUse
 * with `instead` (what to do instead) when a live process holds it. A stale lock is taken over.
 */
export function lockDirectory(dir: string, command: string, instead: string): DirectoryLock {
  const abs = path.resolve(dir);
  fs.mkdirSync(abs, { recursive: true });
  const file = path.join(abs, LOCK_FILE);
  const me: LockHolder = {
    pid: process.pid,
    pidStart: procStat(process.pid)?.start ?? null,
    host: os.hostname(),
    command,
    startedAt: new Date().toISOString(),
  };
  const mine = held.has(abs) ? readHolder(file) : null;
  if (mine) throw new DirectoryInUse(abs, mine, instead);
  // A stale lock is removed and the exclusive create tried again; if another process took the lock
  // over in between, that process is reported. Bounded: each round removes one dead holder's lock.
  for (let attempt = 0; !tryCreate(file, me); attempt++) {
    const other = readHolder(file);
    if (other && isHeld(other)) throw new DirectoryInUse(abs, other, instead);
    if (attempt === 3) throw new Error(`${file}: could not take the lock (it keeps changing); try again`);
    removeIfUnchanged(file, other);
  }
  held.add(abs);
  let holder = me;
  const onExit = () => fs.rmSync(file, { force: true });
  process.once('exit', onExit);
  return {
    file,
    update(extra) {
      holder = { ...holder, ...extra };
      write(file, holder, 'w');
    },
    release() {
      if (!held.delete(abs)) return;
      process.removeListener('exit', onExit);
      fs.rmSync(file, { force: true });
    },
  };
}

// The lock file made for `holder`, false when one exists already.
function tryCreate(file: string, holder: LockHolder): boolean {
  try {
    write(file, holder, 'wx');
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

// Removes a stale lock only if it still says what was read, so that a lock another process has just
// taken over is left alone.
function removeIfUnchanged(file: string, seen: LockHolder | null): void {
  const now = readHolder(file);
  if (JSON.stringify(now) === JSON.stringify(seen)) fs.rmSync(file, { force: true });
}
