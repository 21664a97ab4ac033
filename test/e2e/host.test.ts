import assert from 'node:assert/strict';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

const root = join(__dirname, '..', '..', '..');
const suitePath = join(root, '.build', 'e2e', 'suite', 'index.js');

interface SuiteResult {
  exitCode: number | 'timeout';
  seconds: number;
  suiteLog: string;
  logs: string;
}

// The host scripts are plain ES modules shared with `npm run test:e2e:electron`; loaded at run time.
const load = <T>(script: string): Promise<T> => import(pathToFileURL(join(root, 'scripts', 'e2e', script)).href) as Promise<T>;

function workspaceCopy(): string {
  const target = mkdtempSync(join(tmpdir(), 'nal-e2e-workspace-'));
  cpSync(join(root, 'test', 'e2e', 'workspace'), target, { recursive: true });
  return target;
}

function report(label: string, result: SuiteResult): void {
  // The page console repeats each suite line (console and automation log): keep one of each.
  const lines = [...new Set(result.suiteLog.split('\n').map((line) => /E2E (ok|FAIL|done).*?(?="\]|$)/.exec(line)?.[0]).filter(Boolean))];
  console.log(`${label}: exit ${result.exitCode} in ${result.seconds.toFixed(1)} s\n${lines.join('\n')}`);
  assert.equal(result.exitCode, 0, `${label} failed.\n--- suite\n${result.suiteLog.slice(-6000)}\n--- logs\n${result.logs}`);
}

test('e2e host: Chromium, ripgrep and code-server 4.100.3 are installed', { timeout: 600_000 }, async () => {
  const { installHost } = await load<{ installHost(): void }>('install-host.mjs');
  installHost();
});

test('e2e in code-server: the extension from the development folder passes the suite', { timeout: 400_000 }, async () => {
  const { runSuiteInCodeServer } = await load<{ runSuiteInCodeServer(options: object): Promise<SuiteResult> }>('codeServerHost.mjs');
  const result = await runSuiteInCodeServer({
    workspace: workspaceCopy(),
    suitePath,
    extensionDevelopmentPath: root,
    screenshotsDir: join(root, 'docs', 'images'),
    env: { NEXT_AFTER_LINT_TEST_MODE: '1', NEXT_AFTER_LINT_E2E_MODE: 'full' },
  });
  report('development folder', result);
});

test('e2e in code-server: the packaged .vsix installs, activates and reports', { timeout: 400_000 }, async () => {
  const { execFileSync } = await import('node:child_process');
  const vsix = join(mkdtempSync(join(tmpdir(), 'nal-vsix-out-')), 'next-after-lint.vsix');
  execFileSync(process.execPath, [join(root, 'scripts', 'package.mjs'), '--out', vsix], { stdio: ['ignore', 'ignore', 'inherit'] });
  const { runSuiteInCodeServer } = await load<{ runSuiteInCodeServer(options: object): Promise<SuiteResult> }>('codeServerHost.mjs');
  const result = await runSuiteInCodeServer({ workspace: workspaceCopy(), suitePath, vsix, env: { NEXT_AFTER_LINT_E2E_MODE: 'vsix' } });
  report('installed .vsix', result);
});
