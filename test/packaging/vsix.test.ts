import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(__dirname, '..', '..', '..');

test('the .vsix holds the bundles, snippets, docs, README and LICENSE, and no sources, tests or node_modules', () => {
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const listing = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
  const files = listing.split('\n').map((line) => line.trim()).filter(Boolean).sort();
  for (const needed of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'client/out/extension.js', 'server/out/server.js', 'server/out/worker.js', 'snippets/after.code-snippets', 'snippets/after-js.code-snippets', 'snippets/page-after.code-snippets', 'docs/rules/request-api-in-after.md', 'server/out/lib.es5.d.ts', 'server/out/lib.es2015.promise.d.ts']) {
    assert.ok(files.includes(needed), `${needed} is packaged`);
  }
  const unwanted = files.filter((file) => /^(client\/src|server\/src|test|node_modules|scripts|bench|\.build|\.vscode-test|dist)\//.test(file) || file.endsWith('.map') || (file.endsWith('.ts') && !/^server\/out\/lib\.[\w.]+\.d\.ts$/.test(file)));
  assert.deepEqual(unwanted, []);
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const snippet of manifest.contributes.snippets) assert.ok(files.includes(snippet.path.replace('./', '')), `${snippet.path} is packaged`);
});
