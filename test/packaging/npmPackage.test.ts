import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(__dirname, '..', '..', '..');

test('the npm package holds the CLI and the ESLint plugin bundles and the rule pages, no sources, tests or source maps', () => {
  const packed = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const files = (JSON.parse(packed) as { files: { path: string }[] }[])[0]!.files.map((file) => file.path);
  for (const needed of ['package.json', 'README.md', 'LICENSE', 'dist/cli.js', 'dist/cli-engine.js', 'dist/eslint.js', 'docs/rules/blocking-side-effect.md']) {
    assert.ok(files.includes(needed), `${needed} is packed`);
  }
  assert.deepEqual(files.filter((file) => /^(client|server|test|scripts|bench|node_modules|\.build)\//.test(file) || file.endsWith('.map')), []);
});

test('next-after-lint/eslint resolves to the plugin bundle, which loads with no ESLint (nor anything else) installed', () => {
  assert.equal(require.resolve('next-after-lint/eslint'), join(root, 'dist', 'eslint.js'));
  const alone = mkdtempSync(join(tmpdir(), 'nal-eslint-alone-'));
  copyFileSync(join(root, 'dist', 'eslint.js'), join(alone, 'eslint.js'));
  const probe = "const p = require('./eslint.js'); console.log(JSON.stringify([p.meta.name, Object.keys(p.rules).length, p.configs.recommended.plugins['next-after'] === p]))";
  const run = spawnSync(process.execPath, ['-e', probe], { cwd: alone, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), ['next-after-lint', 13, true]);
});
