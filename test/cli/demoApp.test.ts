import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEMO_APP, ROOT, runCli } from './cliProcess';

/** The findings the demo app's README promises, as `rule@file:line:col`. */
function expectedFindings(): string[] {
  const readme = readFileSync(join(DEMO_APP, 'README.md'), 'utf8');
  return [...readme.matchAll(/^- `([a-z-]+@[^`]+)`/gm)].map((match) => match[1]!).sort();
}

test('the demo app gives exactly the findings its README lists', () => {
  const run = runCli(['test/fixtures/demo-app', '--format', 'json'], ROOT);
  const found = (JSON.parse(run.stdout) as { rule: string; file: string; line: number; column: number }[])
    .map((f) => `${f.rule}@${f.file.replace('test/fixtures/demo-app/', '')}:${f.line}:${f.column}`)
    .sort();
  assert.deepEqual(found, expectedFindings());
  assert.equal(run.status, 1);
});
