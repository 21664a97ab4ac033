import * as path from 'node:path';
import type { TextFileSystem } from './fileSystem';
import { findNextApp, type NextApp } from './nextApp';

/** Folders never searched for apps: installs, build output, version control. */
const SKIPPED = new Set(['node_modules', '.next', 'out', 'dist', 'build', '.git', '.turbo', '.vercel', 'coverage']);
const MAX_DEPTH = 6;

/**
 * The Next.js apps under workspace folders: every folder (a few levels deep) whose package.json
 * depends on `next` or that holds a next.config file, with its version as `findNextApp` reads it.
 */
export function discoverApps(folders: readonly string[], fs: TextFileSystem, cache = new Map<string, NextApp | null>()): NextApp[] {
  const apps = new Map<string, NextApp>();
  const read = (file: string): string | undefined => fs.readFile(file);
  const visit = (dir: string, depth: number): void => {
    // findNextApp looks upward from a file in `dir`: it names `dir` itself when `dir` is an app.
    const app = findNextApp(path.join(dir, 'package.json'), read, cache);
    if (app && app.root === dir) apps.set(dir, app);
    if (depth >= MAX_DEPTH) return;
    for (const name of fs.directories(dir).sort()) if (!name.startsWith('.') && !SKIPPED.has(name)) visit(path.join(dir, name), depth + 1);
  };
  for (const folder of folders) visit(path.resolve(folder), 0);
  return [...apps.values()];
}
