import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { compareWithMarks, expectedMarks, fixtureSources, type FoundFinding } from '../support/marks';
import { analyzeFile, appRelativePath, CachedDiskFileSystem, crossFileSource, diskFileSystem, findNextApp, ProjectHost, ProjectIndex } from '../../server/src/analysis';

const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures');

const read = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/** How cross-file facts are found: the project index (the default everywhere) or the index and the type checker. */
type Mode = 'index' | 'index+types';

/**
 * Every finding must sit on a line marked `// expect: <rule>[, <rule>]`, and every mark must be
 * found: a miss and a false alarm both fail, each named by file and line. A mark may name the
 * severity too, `// expect: blocking-side-effect (info)`, and then the finding must have it.
 */
function checkApp(name: string, mode: Mode): { findings: number; expected: number } {
  const root = join(fixtures, name);
  const host = mode === 'index+types' ? new ProjectHost(diskFileSystem()) : undefined;
  const index = new ProjectIndex(new CachedDiskFileSystem());
  const expected = expectedMarks(root);
  const found: FoundFinding[] = [];
  for (const file of fixtureSources(root)) {
    const text = readFileSync(file, 'utf8');
    const shown = relative(root, file);
    const app = findNextApp(file, read);
    assert.ok(app, `${shown} is inside the app`);
    const types = host?.typeInfoFor(file, text);
    if (host) assert.ok(types, `${shown} has type information`);
    const result = analyzeFile({ text, appRelativePath: appRelativePath(app, file), nextVersion: app.nextVersion, cronPaths: app.cronPaths, types, crossFile: crossFileSource(index, file) });
    assert.deepEqual(result.ruleFailures, []);
    for (const finding of result.findings) found.push({ rule: finding.rule, severity: finding.severity, path: shown, line: text.slice(0, finding.start).split('\n').length });
  }
  assert.deepEqual(compareWithMarks(expected, found), { missed: [], falseAlarms: [], wrongSeverities: [] });
  host?.dispose();
  return { findings: found.length, expected: expected.marks.length };
}

describe('accuracy on apps written like real ones', () => {
  for (const mode of ['index', 'index+types'] as const) {
    test(`sample-app (issues 3, 15), ${mode}: route handlers, actions and pages with auth, writes, emails, analytics, revalidation, cron jobs and a queue consumer`, () => {
      const requestFiles = fixtureSources(join(fixtures, 'sample-app')).filter((file) => /\/(app\/.*\/(route|page|actions)\.tsx?|middleware\.ts)$/.test(file));
      assert.ok(requestFiles.length >= 15, `${requestFiles.length} route handlers, action modules and pages`);
      const { findings } = checkApp('sample-app', mode);
      console.log(`sample-app (${mode}): ${findings} findings, 0 missed, 0 false alarms`);
    });

    test(`accuracy-app (issue 8), ${mode}: wrappers, safe actions, proxy, captured stores, counters, queues, OTP, sync trackers`, () => {
      const { findings } = checkApp('accuracy-app', mode);
      console.log(`accuracy-app (${mode}): ${findings} findings, 0 missed, 0 false alarms`);
    });
  }

  test('demo-app: every file analysed without a rule failure', () => {
    for (const file of fixtureSources(join(fixtures, 'demo-app'))) {
      const app = findNextApp(file, read)!;
      assert.deepEqual(analyzeFile({ text: readFileSync(file, 'utf8'), appRelativePath: appRelativePath(app, file), nextVersion: app.nextVersion }).ruleFailures, []);
    }
  });
});
