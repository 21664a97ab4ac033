import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';

const root = join(__dirname, '..', '..', '..');
const suitePath = join(root, '.build', 'e2e', 'suite', 'index.js');

interface SuiteResult {
  exitCode: number | 'timeout';
  seconds: number;
  suiteOutput: string;
  logs: string;
}
interface CodeServerHost {
  runSuiteInCodeServer(options: { workspace: string; suitePath: string; extensionDevelopmentPath?: string; vsix?: string; env?: Record<string, string>; screenshotsDir?: string }): Promise<SuiteResult>;
}

// The host scripts are plain ES modules shared with `npm run test:e2e:electron`; loaded at run time.
const load = <T>(script: string): Promise<T> => import(pathToFileURL(join(root, 'scripts', 'e2e', script)).href) as Promise<T>;

const scratchDirs: string[] = [];
after(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

function scratch(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratchDirs.push(dir);
  return dir;
}

/** A fresh copy of the fixture app (the suite edits files and settings), under a name fit for the screenshots. */
function workspaceCopy(): string {
  const target = join(scratch('nal-e2e-workspace-'), 'my-next-app');
  cpSync(join(root, 'test', 'e2e', 'workspace'), target, { recursive: true });
  return target;
}

function report(label: string, result: SuiteResult): void {
  console.log(`${label}: exit ${result.exitCode} in ${result.seconds.toFixed(1)} s\n${result.suiteOutput}`);
  assert.equal(result.exitCode, 0, `${label} failed.\n--- the suite's output\n${result.suiteOutput || '(nothing: the suite did not start)'}\n--- logs\n${result.logs}`);
}

test('e2e host: Chromium, ripgrep and code-server 4.100.3 are installed', { timeout: 600_000 }, async () => {
  const { installHost } = await load<{ installHost(): void }>('install-host.mjs');
  installHost();
});

test('e2e in code-server: the extension from the development folder passes the suite', { timeout: 400_000 }, async () => {
  const { runSuiteInCodeServer } = await load<CodeServerHost>('codeServerHost.mjs');
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
  const vsix = join(scratch('nal-vsix-out-'), 'next-after-lint.vsix');
  // The same packaging as `npm run package`, from the bundles already built (a staged copy, so the
  // bundles other tests use are left alone).
  execFileSync(process.execPath, [join(root, 'scripts', 'package.mjs'), '--out', vsix], { stdio: ['ignore', 'ignore', 'inherit'] });
  const { runSuiteInCodeServer } = await load<CodeServerHost>('codeServerHost.mjs');
  const result = await runSuiteInCodeServer({ workspace: workspaceCopy(), suitePath, vsix, env: { NEXT_AFTER_LINT_E2E_MODE: 'vsix' } });
  report('installed .vsix', result);
});
