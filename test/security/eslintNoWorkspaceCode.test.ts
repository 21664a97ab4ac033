import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';
import { parser as typescriptParser } from 'typescript-eslint';
import type { NextAfterPlugin } from '../../server/src/eslint/plugin';
import { trappedWorkspace } from './trappedWorkspace';

const root = join(__dirname, '..', '..', '..');

test('ESLint with the built plugin lints and fixes a trapped workspace and executes none of it', async () => {
  const marker = join(mkdtempSync(join(tmpdir(), 'nal-marker-')), 'marker');
  const workspace = trappedWorkspace(marker);
  const plugin = require(join(root, 'dist', 'eslint.js')) as NextAfterPlugin;
  const eslint = new ESLint({
    cwd: workspace,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.{ts,tsx}'], languageOptions: { parser: typescriptParser } }, plugin.configs.recommended],
    fix: true,
  });
  const results = await eslint.lintFiles(['.']);
  const page = results.find((result) => result.filePath === join(workspace, 'app/page.tsx'));
  assert.ok(page?.output?.includes('{ after(() => {})'), 'the page was really analysed and fixed');
  assert.equal(existsSync(marker), false, existsSync(marker) ? readFileSync(marker, 'utf8') : '');
});
