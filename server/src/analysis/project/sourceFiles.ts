import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SKIPPED_FOLDERS = new Set(['node_modules', '.next', 'out', 'dist']);
export const LINTED_FILE = /\.(ts|tsx|js|jsx|mjs|cjs)$/;

export interface FileListing {
  files: string[];
  /** Paths that do not exist or cannot be listed, with the reason. */
  problems: string[];
}

/** The source files under the given paths, in a stable order, skipping build output and dot-folders. */
export function listSourceFiles(paths: readonly string[], cwd: string): FileListing {
  const files = new Set<string>();
  const problems: string[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      problems.push(`${dir}: cannot be listed (${(error as NodeJS.ErrnoException).code ?? String(error)}); skipped`);
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) walk(path);
      } else if (LINTED_FILE.test(entry.name)) {
        files.add(path);
      }
    }
  };
  for (const given of paths) {
    const path = resolve(cwd, given);
    let stats;
    try {
      stats = statSync(path);
    } catch {
      problems.push(`${given}: no such file or folder`);
      continue;
    }
    if (stats.isDirectory()) walk(path);
    else if (LINTED_FILE.test(path)) files.add(path);
    else problems.push(`${given}: not a .ts .tsx .js .jsx .mjs or .cjs file; skipped`);
  }
  return { files: [...files], problems };
}
