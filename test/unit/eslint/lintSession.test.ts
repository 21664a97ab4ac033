import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Linter } from 'eslint';
import { parser as typescriptParser } from 'typescript-eslint';
import { createPlugin, type NextAfterPlugin } from '../../../server/src/eslint/plugin';

function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

function app(files: Record<string, string>, manifest: object = { dependencies: { next: '15.3.0' } }): string {
  const root = mkdtempSync(join(tmpdir(), 'nal-eslint-session-'));
  writeFiles(root, { 'package.json': JSON.stringify(manifest), 'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '@/*': ['./*'] } } }), ...files });
  return root;
}

/** A plugin whose clock the test moves, and whose warnings it keeps. */
function session(): { plugin: NextAfterPlugin; warnings: string[]; tick: () => void } {
  let now = 0;
  const warnings: string[] = [];
  const plugin = createPlugin({ clock: () => now, warn: (message) => warnings.push(message) });
  return { plugin, warnings, tick: () => (now += 1000) };
}

/** `rule@line:col` of what ESLint reports for `path` (read from disk unless `text` is given). */
function lint(plugin: NextAfterPlugin, cwd: string, filename: string, text: string, settings?: Record<string, unknown>): string[] {
  const linter = new Linter({ cwd });
  const config: Linter.Config[] = [{ languageOptions: { parser: typescriptParser } }, plugin.configs.recommended, ...(settings ? [{ settings }] : [])];
  return linter.verify(text, config, { filename }).map((m) => `${m.ruleId ?? 'fatal'}@${m.line}:${m.column}`);
}

const ROUTE = "import { trackSignup } from '@/lib/track'\nexport async function POST() {\n  trackSignup()\n  return new Response()\n}\n";

describe('the ESLint plugin in a project', () => {
  test('a file outside any Next.js app, and a text without a file name, get no reports', () => {
    const { plugin } = session();
    const outside = mkdtempSync(join(tmpdir(), 'nal-eslint-outside-'));
    writeFileSync(join(outside, 'package.json'), JSON.stringify({ dependencies: { express: '5.0.0' } }));
    const code = "import { after } from 'next/server'\nafter(() => {})\n";
    assert.deepEqual(lint(plugin, outside, join(outside, 'app/page.tsx'), code), []);
    const inside = app({});
    assert.deepEqual(lint(plugin, inside, join(inside, 'app/page.tsx'), code), ['next-after/after-outside-request@2:1'], 'the same code inside an app is reported');
    // The Linter API without a file name says `<input>`: a text with no place in any app, not even the cwd's.
    const anywhere: Linter.Config[] = [{ languageOptions: { parser: typescriptParser } }, { files: ['**'], plugins: plugin.configs.recommended.plugins, rules: plugin.configs.recommended.rules }];
    assert.deepEqual(new Linter({ cwd: inside }).verify(code, anywhere).map((m) => m.ruleId), []);
    assert.deepEqual(new Linter({ cwd: inside }).verify(code, anywhere, join(inside, 'app/page.tsx')).map((m) => m.ruleId), ['next-after/after-outside-request']);
  });

  test('side-effect settings from settings.nextAfterLint and the app package.json; problems said once', () => {
    const root = app({}, { dependencies: { next: '15.3.0' }, nextAfterLint: { sideEffects: { exclude: ['logUserAction'] } } });
    const { plugin, warnings } = session();
    const code = 'export async function POST() {\n  await myLogger.flush()\n  await logUserAction()\n  return new Response()\n}\n';
    const file = join(root, 'app/api/route.ts');
    assert.deepEqual(lint(plugin, root, file, code), [], "`flush` is no side-effect verb, and package.json excludes logUserAction");
    assert.deepEqual(lint(plugin, root, file, code, { nextAfterLint: { sideEffects: { include: ['myLogger.*'] } } }), ['next-after/blocking-side-effect@2:3']);
    const wrong = { nextAfterLint: { sideEffects: { include: 'myLogger.*' }, rules: { 'await-after': 'off' } } };
    lint(plugin, root, file, code, wrong);
    lint(plugin, root, file, code, wrong);
    assert.deepEqual(warnings, [
      'settings.nextAfterLint.sideEffects.include must be a list of callee globs; ignored.',
      'settings.nextAfterLint.rules is not used by ESLint; set severities in the "rules" of your ESLint config (next-after/<rule-id>).',
    ]);
  });

  test('cross-file facts come from the index, and a module edited on disk is read again once the second is up', () => {
    const root = app({ 'lib/track.ts': 'export async function trackSignup() {}\n', 'app/api/route.ts': ROUTE });
    const { plugin, tick } = session();
    const file = join(root, 'app/api/route.ts');
    assert.deepEqual(lint(plugin, root, file, ROUTE), ['next-after/floating-side-effect@3:3'], 'an async helper of another module returns a promise');
    writeFileSync(join(root, 'lib/track.ts'), 'export function trackSignup(): void { queueMicrotask(() => {}) }\n');
    assert.deepEqual(lint(plugin, root, file, ROUTE), ['next-after/floating-side-effect@3:3'], 'within the second, the index answers from memory');
    tick();
    assert.deepEqual(lint(plugin, root, file, ROUTE), [], 'a helper that returns void is never a floating promise');
  });

  test('a module that appears, and a Next.js upgrade in package.json, are seen once the second is up', () => {
    const route = "import { after } from 'next/server'\nimport { trackSignup } from '@/lib/later'\nexport async function POST() {\n  after(() => {})\n  trackSignup()\n  return new Response()\n}\n";
    const root = app({}, { dependencies: { next: '15.0.3' } });
    const { plugin, tick } = session();
    const file = join(root, 'app/api/route.ts');
    assert.deepEqual(lint(plugin, root, file, route), ['next-after/after-unavailable@1:10']);
    writeFiles(root, { 'lib/later.ts': 'export async function trackSignup() {}\n', 'package.json': JSON.stringify({ dependencies: { next: '15.3.0' } }) });
    tick();
    assert.deepEqual(lint(plugin, root, file, route), ['next-after/floating-side-effect@5:3']);
    rmSync(join(root, 'lib'), { recursive: true });
    tick();
    assert.deepEqual(lint(plugin, root, file, route), [], 'the module went away');
  });
});
