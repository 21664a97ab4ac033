// What `npm start` runs after the build: the CLI on the bundled example app, showing what the
// extension would show in the editor. Findings are expected, so exit code 1 counts as success.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const app = 'test/fixtures/demo-app';
console.log(`next-after-lint on ${app} — the problems the VS Code extension shows as squiggles:\n`);
const result = spawnSync(process.execPath, [join(root, 'dist/cli.js'), app], { cwd: root, stdio: 'inherit' });
console.log('\nTry `node dist/cli.js test/fixtures/demo-app --format json`, or `--fix` on a copy of the app.');
process.exit(result.status === 0 || result.status === 1 ? 0 : (result.status ?? 2));
