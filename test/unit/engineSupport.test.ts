import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { analyzeFile, appRelativePath, findNextApp, fixAll, mergeSettings, normaliseSettings } from '../../server/src/analysis';
import { nextAtLeast, parseNextVersion } from '../../server/src/analysis/nextVersion';

describe('settings', () => {
  test('valid settings pass through', () => {
    const { settings, problems } = normaliseSettings({ rules: { 'await-after': 'off', 'unstable-after': 'warning' }, sideEffects: { include: ['logger.*'], exclude: [] } });
    assert.deepEqual(problems, []);
    assert.deepEqual(settings, { rules: { 'await-after': 'off', 'unstable-after': 'warning' }, sideEffects: { include: ['logger.*'], exclude: [] } });
  });

  test('unknown rules, bad severities and wrong types are dropped with a message each', () => {
    const { settings, problems } = normaliseSettings({ rules: { 'no-such-rule': 'error', 'await-after': 'loud' }, sideEffects: { include: 'logger.*' } }, 'nextAfterLint');
    assert.deepEqual(settings, { rules: {}, sideEffects: {} });
    assert.equal(problems.length, 3);
    assert.match(problems[0]!, /unknown rule "no-such-rule"/);
    assert.match(problems[1]!, /"loud" is not one of error, warning, info, hint, off/);
    assert.match(problems[2]!, /sideEffects\.include must be a list/);
    assert.deepEqual(normaliseSettings('yes').problems, ['nextAfterLint must be an object; ignored.']);
  });

  test('later layers win rule by rule and lists add up', () => {
    assert.deepEqual(
      mergeSettings({ rules: { 'await-after': 'off', 'unstable-after': 'info' }, sideEffects: { include: ['a'] } }, { rules: { 'await-after': 'error' }, sideEffects: { exclude: ['b'] } }),
      { rules: { 'await-after': 'error', 'unstable-after': 'info' }, sideEffects: { include: ['a'], exclude: ['b'] } },
    );
  });

  test('a rule set to off does not run and a severity override applies', () => {
    const text = "import { after } from 'next/server'\nexport async function GET() { await after(() => {}); return new Response() }\n";
    assert.deepEqual(analyzeFile({ text, appRelativePath: 'app/api/route.ts', settings: { rules: { 'await-after': 'off' } } }).findings, []);
    const [finding] = analyzeFile({ text, appRelativePath: 'app/api/route.ts', settings: { rules: { 'await-after': 'error' } } }).findings;
    assert.equal(finding?.severity, 'error');
  });
});

describe('Next.js version', () => {
  test('the lowest version a spec allows; prereleases count as their release; unknown is newest', () => {
    assert.equal(parseNextVersion('^15.0.3')?.version, '15.0.3');
    assert.equal(parseNextVersion('>=14 <16')?.version, '14.0.0');
    assert.equal(parseNextVersion('latest'), undefined);
    assert.equal(parseNextVersion('workspace:*'), undefined);
    assert.ok(nextAtLeast(parseNextVersion('15.1.0-canary.3'), '15.1.0'));
    assert.ok(!nextAtLeast(parseNextVersion('15.0.4'), '15.1.0'));
    assert.ok(nextAtLeast(undefined, '99.0.0'));
  });
});

describe('finding the Next.js app of a file', () => {
  const root = mkdtempSync(join(tmpdir(), 'nal-app-'));
  const write = (path: string, text: string): void => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('package.json', JSON.stringify({ name: 'monorepo', workspaces: ['apps/*'] }));
  write('apps/web/package.json', JSON.stringify({ dependencies: { next: '^15.1.0' }, nextAfterLint: { rules: { 'await-after': 'off' } } }));
  write('apps/web/src/app/page.tsx', 'export default function Page() { return null }');
  write('apps/docs/next.config.mjs', 'throw new Error("never executed")');
  write('apps/docs/app/page.tsx', '');
  write('packages/ui/button.tsx', '');
  write('apps/broken/package.json', '{ not json');
  write('apps/broken/app/page.tsx', '');
  write('apps/web/vercel.json', JSON.stringify({ crons: [{ path: '/api/cron/sync', schedule: '0 * * * *' }, { path: '/api/cron/usage?region=eu#x' }, { path: 42 }, { schedule: '* * * * *' }, 'odd', { path: 'relative' }] }));
  write('apps/docs/vercel.json', '{ "crons": [ broken');
  write('apps/site/package.json', JSON.stringify({ dependencies: { next: '15.3.0' } }));
  write('apps/site/vercel.json', JSON.stringify({ crons: {} }));
  write('apps/site/app/page.tsx', '');
  const read = (path: string): string | undefined => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  };

  test('the nearest package.json that depends on next is the app root', () => {
    const app = findNextApp(join(root, 'apps/web/src/app/page.tsx'), read);
    assert.equal(app?.root, join(root, 'apps/web'));
    assert.equal(app?.nextVersion, '^15.1.0');
    assert.deepEqual(app?.packageSettings, { rules: { 'await-after': 'off' } });
    assert.equal(appRelativePath(app!, join(root, 'apps/web/src/app/page.tsx')), 'src/app/page.tsx');
  });

  test('a folder with a next.config file is an app of unknown version; the config is read, never run', () => {
    const app = findNextApp(join(root, 'apps/docs/app/page.tsx'), read);
    assert.equal(app?.root, join(root, 'apps/docs'));
    assert.equal(app?.nextVersion, undefined);
  });

  test("the cron paths of the app's vercel.json, query strings dropped, odd entries skipped; read as JSON only", () => {
    assert.deepEqual(findNextApp(join(root, 'apps/web/src/app/page.tsx'), read)?.cronPaths, ['/api/cron/sync', '/api/cron/usage']);
    const broken = findNextApp(join(root, 'apps/docs/app/page.tsx'), read);
    assert.equal(broken?.root, join(root, 'apps/docs'));
    assert.equal(broken?.cronPaths, undefined);
    assert.equal(findNextApp(join(root, 'apps/site/app/page.tsx'), read)?.cronPaths, undefined);
  });

  test('files outside any app, and apps with a broken package.json, are not apps', () => {
    assert.equal(findNextApp(join(root, 'packages/ui/button.tsx'), read), undefined);
    assert.equal(findNextApp(join(root, 'apps/broken/app/page.tsx'), read), undefined);
  });

  test('the cache answers for every folder it walked through', () => {
    const cache = new Map();
    let reads = 0;
    const counting = (path: string): string | undefined => (reads++, read(path));
    findNextApp(join(root, 'apps/web/src/app/page.tsx'), counting, cache);
    const first = reads;
    findNextApp(join(root, 'apps/web/src/app/other.tsx'), counting, cache);
    assert.equal(reads, first);
  });
});

describe('fix-all', () => {
  test('applies every fix in passes, never breaking syntax, and reports what is left', () => {
    const text = [
      "import { unstable_after } from 'next/server'",
      "import { headers } from 'next/headers'",
      'export default async function Page() {',
      "  unstable_after(async () => { await headers() })",
      '  await unstable_after(() => {})',
      '  unstable_after(send())',
      '  return <main />',
      '}',
      '',
    ].join('\r\n');
    const result = fixAll({ text, appRelativePath: 'app/page.tsx', nextVersion: '15.2.0' });
    assert.equal(
      result.output,
      [
        "import { after } from 'next/server'",
        "import { headers } from 'next/headers'",
        'export default async function Page() {',
        '  const headersList = await headers()',
        '  after(async () => { headersList })',
        '  after(() => {})',
        '  after(() => send())',
        '  return <main />',
        '}',
        '',
      ].join('\r\n'),
    );
    assert.deepEqual(result.applied.map((finding) => finding.rule).sort(), ['after-non-callback', 'await-after', 'request-api-in-after', 'unstable-after']);
    assert.deepEqual(result.remaining, []);
  });
});
