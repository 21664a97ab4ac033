import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { compareWithMarks, expectedMarks } from '../support/marks';
import { ROOT, runCli } from './cliProcess';

const MONOREPO = join(ROOT, 'test', 'fixtures', 'monorepo');

interface JsonFinding {
  file: string;
  line: number;
  rule: string;
  severity: string;
  message: string;
}

describe('a pnpm monorepo without node_modules, by the default CLI', () => {
  test('the fixture is what it says: a catalog, an extends chain, three packages, nothing installed', () => {
    assert.ok(!existsSync(join(MONOREPO, 'node_modules')) && !existsSync(join(MONOREPO, 'apps', 'web', 'node_modules')));
    for (const pkg of ['analytics', 'email', 'auth']) assert.ok(existsSync(join(MONOREPO, 'packages', pkg, 'package.json')));
    assert.ok(!existsSync(join(MONOREPO, 'packages', 'analytics', 'dist')), "@acme/analytics's entry points at an unbuilt dist/");
  });

  test('every marked finding is found, and nothing else', () => {
    const run = runCli(['--format', 'json'], MONOREPO);
    assert.equal(run.stderr, '');
    const findings = JSON.parse(run.stdout) as JsonFinding[];
    const expected = expectedMarks(MONOREPO);
    assert.equal(expected.marks.length, 8);
    assert.deepEqual(compareWithMarks(expected, findings.map((finding) => ({ ...finding, path: finding.file }))), { missed: [], falseAlarms: [], wrongSeverities: [] });
    const byRule = (rule: string): JsonFinding[] => findings.filter((finding) => finding.rule === rule);
    assert.match(byRule('request-api-in-after')[0]!.message, /`recordPageView` \(lib\/visits\.ts\) calls `logSessionUse` \(session\/log\.ts\) calls after\(\) with `cookies\(\)` inside/);
    assert.match(byRule('unstable-after')[0]!.message, /Next\.js 15\.3\.2/, 'the version comes from the default catalog');
    assert.match(byRule('after-unavailable')[0]!.message, /Next\.js 15\.0\.4/, 'the version comes from catalog:legacy');
  });

  test('one app given on its own still resolves the workspace around it', () => {
    const findings = JSON.parse(runCli(['apps/web/src/app/dashboard', '--format', 'json'], MONOREPO).stdout) as JsonFinding[];
    assert.deepEqual(findings.map((finding) => `${finding.rule}@${finding.file}:${finding.line}`), ['request-api-in-after@apps/web/src/app/dashboard/page.tsx:6']);
  });
});
