import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { analyzeFile, appRelativePath, diskFileSystem, findNextApp, ProjectHost } from '../../server/src/analysis';

const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|jsx)$/.test(name) ? [path] : [];
  });
}

const read = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/**
 * Every finding must sit on a line marked `// expect: <rule>[, <rule>]`, and every mark must be
 * found: a miss and a false alarm both fail, each named by file and line. A mark may name the
 * severity too, `// expect: blocking-side-effect (info)`, and then the finding must have it.
 */
function checkApp(name: string): { findings: number; expected: number } {
  const root = join(fixtures, name);
  // As in the editor: with the type checker (the apps have a tsconfig or get an inferred project).
  const host = new ProjectHost(diskFileSystem());
  const expected: string[] = [];
  const expectedSeverities: string[] = [];
  const found: string[] = [];
  const foundSeverities: string[] = [];
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, 'utf8');
    const shown = relative(root, file);
    text.split('\n').forEach((line, index) => {
      const mark = /\/\/ expect: ([a-z-]+(?: \([a-z]+\))?(?:, [a-z-]+(?: \([a-z]+\))?)*)/.exec(line);
      for (const entry of mark?.[1]!.split(', ') ?? []) {
        const [, rule, severity] = /^([a-z-]+)(?: \(([a-z]+)\))?$/.exec(entry)!;
        expected.push(`${rule}@${shown}:${index + 1}`);
        if (severity) expectedSeverities.push(`${rule} (${severity})@${shown}:${index + 1}`);
      }
    });
    const app = findNextApp(file, read);
    assert.ok(app, `${shown} is inside the app`);
    const types = host.typeInfoFor(file, text);
    assert.ok(types, `${shown} has type information`);
    const result = analyzeFile({ text, appRelativePath: appRelativePath(app, file), nextVersion: app.nextVersion, cronPaths: app.cronPaths, types });
    assert.deepEqual(result.ruleFailures, []);
    for (const finding of result.findings) {
      const line = text.slice(0, finding.start).split('\n').length;
      found.push(`${finding.rule}@${shown}:${line}`);
      foundSeverities.push(`${finding.rule} (${finding.severity})@${shown}:${line}`);
    }
  }
  const missed = expected.filter((entry) => !found.includes(entry));
  const falseAlarms = found.filter((entry) => !expected.includes(entry));
  const wrongSeverities = expectedSeverities.filter((entry) => !foundSeverities.includes(entry));
  assert.deepEqual({ missed, falseAlarms, wrongSeverities }, { missed: [], falseAlarms: [], wrongSeverities: [] });
  host.dispose();
  return { findings: found.length, expected: expected.length };
}

describe('accuracy on apps written like real ones', () => {
  test('sample-app (issues 3, 15): route handlers, actions and pages with auth, writes, emails, analytics, revalidation, cron jobs and a queue consumer', () => {
    const requestFiles = sourceFiles(join(fixtures, 'sample-app')).filter((file) => /\/(app\/.*\/(route|page|actions)\.tsx?|middleware\.ts)$/.test(file));
    assert.ok(requestFiles.length >= 15, `${requestFiles.length} route handlers, action modules and pages`);
    const { findings } = checkApp('sample-app');
    console.log(`sample-app: ${findings} findings, 0 missed, 0 false alarms`);
  });

  test('accuracy-app (issue 8): wrappers, safe actions, proxy, captured stores, counters, queues, OTP, sync trackers', () => {
    const { findings } = checkApp('accuracy-app');
    console.log(`accuracy-app: ${findings} findings, 0 missed, 0 false alarms`);
  });

  test('demo-app: every file analysed without a rule failure', () => {
    for (const file of sourceFiles(join(fixtures, 'demo-app'))) {
      const app = findNextApp(file, read)!;
      assert.deepEqual(analyzeFile({ text: readFileSync(file, 'utf8'), appRelativePath: appRelativePath(app, file), nextVersion: app.nextVersion }).ruleFailures, []);
    }
  });
});
