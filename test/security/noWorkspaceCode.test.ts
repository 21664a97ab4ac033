import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { ServerSession } from '../lsp/serverProcess';
import { trappedWorkspace } from './trappedWorkspace';

const root = join(__dirname, '..', '..', '..');

test('the CLI analyses a trapped workspace, with and without types, and executes none of it', () => {
  const marker = join(mkdtempSync(join(tmpdir(), 'nal-marker-')), 'marker');
  const workspace = trappedWorkspace(marker);
  for (const args of [['.', '--format', 'json'], ['.', '--types', '--format', 'json'], ['.', '--fix']]) {
    const run = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { cwd: workspace, encoding: 'utf8' });
    assert.ok(run.status === 0 || run.status === 1, `${args.join(' ')}: ${run.stderr}`);
  }
  const json = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), '.', '--format', 'json'], { cwd: workspace, encoding: 'utf8' });
  assert.ok(JSON.parse(json.stdout).length >= 0, 'the analysis ran');
  assert.equal(existsSync(marker), false, existsSync(marker) ? readFileSync(marker, 'utf8') : '');
});

test('the language server opens trapped files (syntactic and semantic passes) and executes none of them', async () => {
  const marker = join(mkdtempSync(join(tmpdir(), 'nal-marker-')), 'marker');
  const workspace = trappedWorkspace(marker);
  const session = new ServerSession(workspace);
  try {
    await session.initialize();
    for (const path of ['app/page.tsx', 'app/api/route.ts', 'next.config.js', 'next.config.mjs', 'postcss.config.js', 'lib/helper.js']) {
      const uri = session.open(path, readFileSync(join(workspace, path), 'utf8'), path.endsWith('x') ? 'typescriptreact' : path.endsWith('.ts') ? 'typescript' : 'javascript');
      await session.until(`the semantic pass of ${path}`, () => session.analysedPhases(uri, 1).includes('semantic') || undefined);
    }
    const pageDiagnostics = session.lastPublished(`${new URL(`file://${join(workspace, 'app/page.tsx')}`).href}`)?.diagnostics ?? [];
    assert.deepEqual(pageDiagnostics.map((d) => d.code), ['await-after'], 'the page was really analysed');
  } finally {
    await session.dispose();
  }
  assert.equal(existsSync(marker), false, existsSync(marker) ? readFileSync(marker, 'utf8') : '');
  assert.deepEqual(readdirSync(dirname(marker)), []);
});
