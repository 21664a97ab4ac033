import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { analyzeFile, appRelativePath, CachedDiskFileSystem, crossFileSource, diskFileSystem, findNextApp, ProjectHost, ProjectIndex } from '../../server/src/analysis';

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

/** How cross-file facts are found: the project index (the default everywhere) or the index and the type checker. */
type Mode = 'index' | 'index+types';

/**
 * Every finding must sit on a line marked `// expect: <rule>[, <rule>]`, and every mark must be
 * found: a miss and a false alarm both fail, each named by file and line.
 */
export function checkApp(name: string, mode: Mode): { findings: number; expected: number } {
  const root = join(fixtures, name);
  const host = mode === 'index+types' ? new ProjectHost(diskFileSystem()) : undefined;
  const index = new ProjectIndex(new CachedDiskFileSystem());
  const expected: string[] = [];
  const found: string[] = [];
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, 'utf8');
    const shown = relative(root, file);
    text.split('\n').forEach((line, index) => {
      const mark = /\/\/ expect: ([a-z-]+(?:, [a-z-]+)*)/.exec(line);
      for (const rule of mark?.[1]!.split(', ') ?? []) expected.push(`${rule}@${shown}:${index + 1}`);
    });
    const app = findNextApp(file, read);
    assert.ok(app, `${shown} is inside the app`);
    const types = host?.typeInfoFor(file, text);
    if (host) assert.ok(types, `${shown} has type information`);
    const result = analyzeFile({ text, appRelativePath: appRelativePath(app, file), nextVersion: app.nextVersion, types, crossFile: crossFileSource(index, file) });
    assert.deepEqual(result.ruleFailures, []);
    for (const finding of result.findings) found.push(`${finding.rule}@${shown}:${text.slice(0, finding.start).split('\n').length}`);
  }
  const missed = expected.filter((entry) => !found.includes(entry));
  const falseAlarms = found.filter((entry) => !expected.includes(entry));
  assert.deepEqual({ missed, falseAlarms }, { missed: [], falseAlarms: [] });
  host?.dispose();
  return { findings: found.length, expected: expected.length };
}

describe('accuracy on apps written like real ones', () => {
  for (const mode of ['index', 'index+types'] as const) {
    test(`sample-app (issue 3), ${mode}: route handlers, actions and pages with auth, writes, emails, analytics, revalidation`, () => {
      const requestFiles = sourceFiles(join(fixtures, 'sample-app')).filter((file) => /\/(app\/.*\/(route|page|actions)\.tsx?|middleware\.ts)$/.test(file));
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
    for (const file of sourceFiles(join(fixtures, 'demo-app'))) {
      const app = findNextApp(file, read)!;
      assert.deepEqual(analyzeFile({ text: readFileSync(file, 'utf8'), appRelativePath: appRelativePath(app, file), nextVersion: app.nextVersion }).ruleFailures, []);
    }
  });
});
