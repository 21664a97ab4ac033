import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CLI, copyOf, ROOT } from './cliProcess';

const MONOREPO = join(ROOT, 'test', 'fixtures', 'monorepo');

interface Stats {
  files: number;
  analysed: number;
  reused: number;
  analysedFiles: string[];
}

function run(cwd: string, ...args: string[]): { status: number | null; stdout: string; stats: Stats } {
  const result = spawnSync(process.execPath, [CLI, '--format', 'json', '--cache', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NEXT_AFTER_LINT_STATS: '1' } });
  const statsLine = result.stderr.trim().split('\n').pop()!;
  return { status: result.status, stdout: result.stdout, stats: JSON.parse(statsLine) as Stats };
}

const rulesAt = (stdout: string): string[] => (JSON.parse(stdout) as { rule: string; file: string; line: number }[]).map((f) => `${f.rule}@${f.file}:${f.line}`);

describe('--cache', () => {
  test('an unchanged re-run reuses every result and prints the same', () => {
    const cwd = copyOf(MONOREPO);
    const cold = run(cwd);
    assert.ok(existsSync(join(cwd, '.next-after-lint-cache')));
    assert.equal(cold.stats.analysed, cold.stats.files);
    const warm = run(cwd);
    assert.deepEqual([warm.stats.analysed, warm.stats.reused], [0, cold.stats.files]);
    assert.equal(warm.stdout, cold.stdout);
    assert.equal(warm.status, cold.status);
  });

  test('after a one-file edit, that file and the files whose analysis read it are analysed again', () => {
    const cwd = copyOf(MONOREPO);
    const cold = run(cwd);
    assert.ok(rulesAt(cold.stdout).includes('request-api-in-after@apps/web/src/app/dashboard/page.tsx:6'));
    // The helper three imports away from the page stops reading cookies() inside after().
    const helper = join(cwd, 'packages/auth/src/session/log.ts');
    writeFileSync(helper, readFileSync(helper, 'utf8').replace('const store = await cookies()', 'const store = { get: (name: string) => ({ value: name }) }'));
    const warm = run(cwd);
    assert.deepEqual(warm.stats.analysedFiles, ['apps/web/src/app/dashboard/page.tsx', 'packages/auth/src/session/log.ts']);
    assert.ok(!rulesAt(warm.stdout).includes('request-api-in-after@apps/web/src/app/dashboard/page.tsx:6'), 'the page saw the new helper');
    assert.equal(rulesAt(warm.stdout).length, rulesAt(cold.stdout).length - 1);
  });

  test('routers: an edit that serves a router no one edited analyses that router again; a route removed takes its findings away', () => {
    const cwd = copyOf(join(ROOT, 'test', 'fixtures', 'router-app'));
    const cold = run(cwd);
    assert.ok(!rulesAt(cold.stdout).some((entry) => entry.includes('legacy.ts')), 'no route serves the legacy router');
    const root = join(cwd, 'packages/api/src/root.ts');
    writeFileSync(root, readFileSync(root, 'utf8').replace("import { statusRouter } from './routers/status';", "import { statusRouter } from './routers/status';\nimport { legacyRouter } from './routers/legacy';").replace('{ monitor: monitorRouter }', '{ monitor: monitorRouter, legacy: legacyRouter }'));
    const merged = run(cwd);
    assert.deepEqual(merged.stats.analysedFiles, ['packages/api/src/root.ts', 'packages/api/src/routers/legacy.ts']);
    assert.ok(rulesAt(merged.stdout).includes('blocking-side-effect@packages/api/src/routers/legacy.ts:7'));
    assert.equal(run(cwd).stats.analysed, 0, 'and the next run reuses everything');
    rmSync(join(cwd, 'apps/web/app/api/hono'), { recursive: true });
    const removed = run(cwd);
    assert.ok(removed.stats.analysedFiles.includes('apps/web/server/hono/users.ts'));
    assert.ok(!rulesAt(removed.stdout).some((entry) => entry.includes('server/hono/users.ts')), 'no route serves the Hono app any more');
  });

  test('a file added where an import did not resolve makes its importer run again', () => {
    const cwd = copyOf(MONOREPO);
    const route = join(cwd, 'apps/web/src/app/api/signup/route.ts');
    writeFileSync(route, readFileSync(route, 'utf8').replace("import { db } from '@/lib/db'", "import { db } from '@/lib/db'\nimport { notifySlack } from '@/lib/slack'").replace('  return NextResponse.json', '  notifySlack(email)\n  return NextResponse.json'));
    const cold = run(cwd);
    assert.ok(!rulesAt(cold.stdout).some((entry) => entry.startsWith('floating-side-effect@apps/web/src/app/api/signup/route.ts:16')));
    writeFileSync(join(cwd, 'apps/web/src/lib/slack.ts'), 'export async function notifySlack(text: string) {\n  await fetch(process.env.SLACK_URL!, { method: "POST", body: text })\n}\n');
    const warm = run(cwd);
    assert.deepEqual(warm.stats.analysedFiles, ['apps/web/src/app/api/signup/route.ts', 'apps/web/src/lib/slack.ts']);
    assert.ok(rulesAt(warm.stdout).includes('floating-side-effect@apps/web/src/app/api/signup/route.ts:16'));
  });

  test('a changed project file (the pnpm catalog) analyses everything again', () => {
    const cwd = copyOf(MONOREPO);
    const cold = run(cwd);
    const workspace = join(cwd, 'pnpm-workspace.yaml');
    writeFileSync(workspace, readFileSync(workspace, 'utf8').replace('next: 15.0.4', 'next: 15.2.0'));
    const warm = run(cwd);
    assert.equal(warm.stats.analysed, cold.stats.files);
    assert.ok(!rulesAt(warm.stdout).some((entry) => entry.startsWith('after-unavailable@')), 'the legacy app is on 15.2 now');
  });

  test('--fix with a cache fixes files whose cached findings are fixable, then reuses the result', () => {
    const cwd = copyOf(MONOREPO);
    run(cwd);
    const fixed = run(cwd, '--fix');
    assert.ok(fixed.stats.analysed > 0);
    assert.ok((JSON.parse(fixed.stdout) as { fixable: boolean }[]).every((finding) => !finding.fixable));
    const again = run(cwd);
    assert.equal(again.stats.analysed, 0);
    assert.equal(again.stdout, fixed.stdout);
  });

  test('a broken cache file or another location is no problem', () => {
    const cwd = copyOf(MONOREPO);
    writeFileSync(join(cwd, '.next-after-lint-cache'), '{ not json');
    const broken = run(cwd);
    assert.equal(broken.stats.analysed, broken.stats.files);
    const elsewhere = spawnSync(process.execPath, [CLI, '--format', 'json', '--cache-location', 'tmp-cache.json'], { cwd, encoding: 'utf8' });
    assert.equal(elsewhere.stdout, broken.stdout);
    assert.ok(existsSync(join(cwd, 'tmp-cache.json')));
  });
});

describe('--concurrency', () => {
  const runWith = (cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
    const result = spawnSync(process.execPath, [CLI, '--format', 'json', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NEXT_AFTER_LINT_STATS: '1', ...env } });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, stats: JSON.parse(result.stderr.trim().split('\n').pop()!) as { threads: number; workers: boolean; analysed: number } };
  };

  test('worker threads find what this thread finds', () => {
    const inThread = runWith(MONOREPO, ['--concurrency', 'off']);
    const inWorkers = runWith(MONOREPO, ['--concurrency', '2']);
    assert.deepEqual([inThread.stats.workers, inWorkers.stats.workers, inWorkers.stats.threads], [false, true, 2]);
    assert.equal(inWorkers.stdout, inThread.stdout);
  });

  test('a worker that runs out of memory leaves its files to this thread: nothing is lost', () => {
    const cwd = copyOf(MONOREPO);
    // A generated 3 MB module: far more than a 16 MB worker heap can parse.
    const rows = Array.from({ length: 40000 }, (_, i) => `  { id: ${i}, label: 'row ${i}', tags: ['a', 'b'], nested: { value: ${i} } },`).join('\n');
    writeFileSync(join(cwd, 'apps/web/src/lib/generated.ts'), `export const rows = [\n${rows}\n]\n`);
    const starved = runWith(cwd, ['--concurrency', '1'], { NEXT_AFTER_LINT_WORKER_HEAP_MB: '16' });
    const inThread = runWith(cwd, ['--concurrency', 'off']);
    assert.equal(starved.status, inThread.status);
    assert.equal(starved.stdout, inThread.stdout);
    assert.equal(starved.stats.analysed, inThread.stats.analysed);
    assert.match(starved.stderr, /a worker thread stopped \(out of memory\?\); \d+ files? (was|were) analysed in the main thread instead/);
  });
});
