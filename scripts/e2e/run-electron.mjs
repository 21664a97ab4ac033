// `npm run test:e2e:electron`: the same suite in desktop VS Code through @vscode/test-electron, for
// machines that can download VS Code (this one cannot: the download fails with a clear message).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = new URL('../..', import.meta.url).pathname;
const workspace = mkdtempSync(join(tmpdir(), 'nal-e2e-workspace-'));
cpSync(join(root, 'test', 'e2e', 'workspace'), workspace, { recursive: true });

try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, '.build', 'e2e', 'suite', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { NEXT_AFTER_LINT_TEST_MODE: '1', NEXT_AFTER_LINT_E2E_MODE: 'full' },
  });
} catch (error) {
  console.error(
    `The e2e suite did not pass in desktop VS Code: ${error instanceof Error ? error.message : String(error)}\n` +
      'If VS Code could not be downloaded (no access to update.code.visualstudio.com), run `npm run test:e2e` instead: it uses code-server from npm.',
  );
  process.exitCode = 1;
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
