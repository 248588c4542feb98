// The project root, found from this file whether it runs from src/ (tests) or dist/src/ (built).
import fs from 'node:fs';
import path from 'node:path';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'prisma'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`kubeknow: no project root above ${from}`);
  }
}

export const ROOT = findRoot(__dirname);
export const PRISMA_DIR = path.join(ROOT, 'prisma');
export const CONTENT_DIR = path.join(ROOT, 'content');
