// Runs every built test file in one `node --test` run, so its closing summary covers them all.
// Usage: node scripts/run-tests.mjs [folder or file under .build/tests ...]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const base = join(root, '.build/tests');
const only = process.argv.slice(2);

function collect(dir) {
  if (!existsSync(dir)) return [];
  if (!statSync(dir).isDirectory()) return dir.endsWith('.test.js') ? [dir] : [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return collect(path);
    return name.endsWith('.test.js') ? [path] : [];
  });
}

const files = (only.length ? only.map((folder) => join(base, folder)) : [base]).flatMap(collect).sort();
if (files.length === 0) {
  console.error(`No built tests under ${base}; run the build first.`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
