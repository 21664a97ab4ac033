// Packs the .vsix from a staging folder holding only what .vscodeignore lets through, so packaging
// never rewrites the bundles other runs (tests, an open editor) are using.
// Usage: node scripts/package.mjs [--out file.vsix]
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outIndex = process.argv.indexOf('--out');
const out = resolve(outIndex > 0 ? process.argv[outIndex + 1] : join(root, 'next-after-lint.vsix'));
const staged = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', '.vscodeignore', 'client/out/extension.js', 'server/out', 'snippets', 'docs'];

const stage = mkdtempSync(join(tmpdir(), 'nal-vsix-'));
try {
  for (const path of staged) {
    if (!existsSync(join(root, path))) throw new Error(`${path} is missing: run the build first`);
    cpSync(join(root, path), join(stage, path), { recursive: true });
  }
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { cwd: stage, stdio: ['ignore', 'ignore', 'inherit'] });
  console.log(`Packaged ${out}`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
