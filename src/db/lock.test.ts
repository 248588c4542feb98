// The lock of a PGlite directory: who holds it, and when a lock left behind holds nothing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DirectoryInUse, LOCK_FILE, lockDirectory, lockHolder, type LockHolder } from './lock';

const dirs: string[] = [];
const fresh = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-lock-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const lockOf = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')) as LockHolder;
const left = (dir: string, holder: Partial<LockHolder>) =>
  fs.writeFileSync(
    path.join(dir, LOCK_FILE),
    JSON.stringify({ pid: 1, pidStart: null, host: os.hostname(), command: 'a test', startedAt: 'then', ...holder }),
  );
// A pid that was a process and is no more.
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid;

const stale: [string, (dir: string) => void][] = [
  ['a dead pid', (dir) => left(dir, { pid: deadPid() })],
  [
    'a live pid that started after the lock was written (a reused pid)',
    (dir) => left(dir, { pid: process.ppid, pidStart: '1' }),
  ],
  ['our own pid, from an earlier process', (dir) => left(dir, { pid: process.pid })],
  ['a lock cut short while it was written', (dir) => fs.writeFileSync(path.join(dir, LOCK_FILE), '{"pid": 12')],
];
test.each(stale)('a lock of %s holds nothing and is taken over', (_, leave) => {
  const dir = fresh();
  leave(dir);
  expect(lockHolder(dir)).toBeNull();
  const lock = lockDirectory(dir, 'the test', 'nothing');
  expect(lockOf(dir)).toMatchObject({ pid: process.pid, command: 'the test', host: os.hostname() });
  lock.release();
  expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
});

const held: [string, (dir: string) => void][] = [
  ['a live process', (dir) => left(dir, { pid: process.ppid, command: 'npm start' })],
  ["another host's process, whose pid cannot be checked", (dir) => left(dir, { pid: deadPid(), host: 'elsewhere' })],
];
test.each(held)('a lock of %s is refused, naming the holder and what to do', (_, leave) => {
  const dir = fresh();
  leave(dir);
  const before = fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8');
  expect(lockHolder(dir)).toMatchObject(JSON.parse(before) as object);
  expect(() => lockDirectory(dir, 'the test', 'Do this instead.')).toThrow(DirectoryInUse);
  expect(() => lockDirectory(dir, 'the test', 'Do this instead.')).toThrow(
    /is in use by .* on host .*Do this instead\./,
  );
  expect(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).toBe(before);
});

test('one process does not open a directory twice; after release it may; update rewrites what the lock says', () => {
  const dir = path.join(fresh(), 'not', 'yet', 'made');
  const lock = lockDirectory(dir, 'first', 'wait');
  expect(() => lockDirectory(dir, 'second', 'wait')).toThrow(/in use by first \(pid/);
  lock.update({ url: 'http://127.0.0.1:1234', adminKey: 'kk_0000abcd_x' });
  expect(lockOf(dir)).toMatchObject({ command: 'first', url: 'http://127.0.0.1:1234', adminKey: 'kk_0000abcd_x' });
  expect(fs.statSync(path.join(dir, LOCK_FILE)).mode & 0o777).toBe(0o600);
  expect(lockHolder(dir)).toMatchObject({ pid: process.pid });
  lock.release();
  expect(lockHolder(dir)).toBeNull();
  lockDirectory(dir, 'second', 'wait').release();
});
