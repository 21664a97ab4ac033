import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { copyOf, DEMO_APP, runCli } from './cliProcess';

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: string;
  message: string;
  fixable: boolean;
}

function app(files: Record<string, string>, next = '15.3.0'): string {
  const root = copyOf(join(DEMO_APP, 'lib'));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ dependencies: { next } }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const AWAIT_AFTER = "import { after } from 'next/server'\nexport async function GET() {\n  await after(() => {})\n  return new Response()\n}\n";
const HEADERS_IN_PAGE = "import { after } from 'next/server'\nimport { headers } from 'next/headers'\nexport default async function Page() {\n  after(async () => { await headers() })\n  return <main />\n}\n";

describe('next-after-lint', () => {
  test('--format json prints the contract array and nothing else on stdout', () => {
    const run = runCli(['.', '--format', 'json'], app({ 'app/api/x/route.ts': AWAIT_AFTER }));
    const findings = JSON.parse(run.stdout) as JsonFinding[];
    assert.deepEqual(findings, [
      {
        file: 'app/api/x/route.ts',
        line: 3,
        column: 3,
        endLine: 3,
        endColumn: 24,
        rule: 'await-after',
        severity: 'warning',
        message: findings[0]!.message,
        fixable: true,
      },
    ]);
    assert.match(findings[0]!.message, /Remove the await/);
    assert.equal(run.status, 0, 'warnings only: exit 0');
  });

  test('exit code 0 on a clean app, 1 on errors, 1 when warnings exceed --max-warnings', () => {
    assert.equal(runCli([], app({ 'app/page.tsx': 'export default function Page() { return null }\n' })).status, 0);
    const errors = runCli([], app({ 'app/page.tsx': HEADERS_IN_PAGE }));
    assert.equal(errors.status, 1);
    assert.match(errors.stdout, /app\/page\.tsx:4:29 {2}error {2}.*request-api-in-after\n1 problem \(1 error, 0 warnings, 0 info\); 1 fixable with --fix\n$/);
    const warnings = app({ 'app/api/x/route.ts': AWAIT_AFTER });
    assert.equal(runCli(['--max-warnings', '0'], warnings).status, 1);
    assert.equal(runCli(['--max-warnings', '1'], warnings).status, 0);
  });

  test('exit code 2 on bad arguments, with a message on stderr', () => {
    const cwd = app({});
    for (const args of [['--format', 'xml'], ['--no-such-flag'], ['--max-warnings', 'many'], ['--config']]) {
      const run = runCli(args, cwd);
      assert.equal(run.status, 2, args.join(' '));
      assert.match(run.stderr, /next-after-lint: /);
      assert.equal(run.stdout, '');
    }
  });

  test('--quiet reports errors only', () => {
    const run = runCli(['--quiet', '--format', 'json'], app({ 'app/api/x/route.ts': AWAIT_AFTER, 'app/page.tsx': HEADERS_IN_PAGE }));
    assert.deepEqual((JSON.parse(run.stdout) as JsonFinding[]).map((f) => f.rule), ['request-api-in-after']);
  });

  test('unreadable and unparsable files are reported on stderr and skipped; the others are still analysed', () => {
    const cwd = app({ 'app/api/x/route.ts': AWAIT_AFTER, 'app/broken/page.tsx': 'export default function Page( {\n  return <div\n' });
    symlinkSync(join(cwd, 'does-not-exist.ts'), join(cwd, 'app', 'dangling.ts'));
    writeFileSync(join(cwd, 'app', 'binary.ts'), Buffer.from([0, 1, 2, 0, 255, 0]));
    const run = runCli(['--format', 'json'], cwd);
    assert.equal(run.status, 0);
    assert.deepEqual((JSON.parse(run.stdout) as JsonFinding[]).map((f) => `${f.rule}@${f.file}`), ['await-after@app/api/x/route.ts']);
    assert.match(run.stderr, /app\/dangling\.ts: cannot be read; skipped/);
    assert.match(run.stderr, /app\/broken\/page\.tsx:\d+:\d+: could not be parsed \(.+\); skipped/);
    assert.match(run.stderr, /app\/binary\.ts: binary content/);
  });

  test('files outside a Next.js app, node_modules, .next and dot-folders are not analysed', () => {
    const cwd = app({ 'node_modules/x/app/page.tsx': HEADERS_IN_PAGE, '.next/server/app/page.tsx': HEADERS_IN_PAGE, '.storybook/page.tsx': HEADERS_IN_PAGE, 'dist/app/page.tsx': HEADERS_IN_PAGE });
    const outside = copyOf(join(DEMO_APP, 'lib'));
    assert.equal(runCli(['--format', 'json'], cwd).stdout.trim(), '[]');
    assert.equal(runCli(['--format', 'json'], outside).stdout.trim(), '[]');
  });

  test('--format sarif is SARIF 2.1.0 with rules and their help URIs', () => {
    const run = runCli(['--format', 'sarif'], app({ 'app/page.tsx': HEADERS_IN_PAGE }));
    const sarif = JSON.parse(run.stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.match(sarif.$schema, /sarif-2\.1\.0/);
    const run0 = sarif.runs[0];
    assert.equal(run0.tool.driver.name, 'next-after-lint');
    assert.deepEqual(run0.tool.driver.rules.map((rule: { id: string; helpUri: string }) => [rule.id, rule.helpUri]), [
      ['request-api-in-after', 'https://github.com/next-after-lint/next-after-lint/blob/main/docs/rules/request-api-in-after.md'],
    ]);
    assert.equal(run0.results[0].level, 'error');
    assert.deepEqual(run0.results[0].locations[0].physicalLocation.region, { startLine: 4, startColumn: 29, endLine: 4, endColumn: 38 });
  });

  test('--config severities and a package.json nextAfterLint key apply; invalid settings are reported, not fatal', () => {
    const cwd = app({ 'app/api/x/route.ts': AWAIT_AFTER });
    writeFileSync(join(cwd, 'strict.json'), JSON.stringify({ rules: { 'await-after': 'error', 'made-up': 'error' } }));
    const strict = runCli(['--config', 'strict.json', '--format', 'json'], cwd);
    assert.equal(strict.status, 1);
    assert.equal((JSON.parse(strict.stdout) as JsonFinding[])[0]!.severity, 'error');
    assert.match(strict.stderr, /unknown rule "made-up"/);
    mkdirSync(join(cwd, 'app/api/y'), { recursive: true });
    writeFileSync(join(cwd, 'app/api/y/route.ts'), 'export async function POST() {\n  await myMetrics.bump()\n  await logVisit()\n  return new Response()\n}\n');
    writeFileSync(join(cwd, 'effects.json'), JSON.stringify({ nextAfterLint: { sideEffects: { include: ['myMetrics.*'], exclude: ['logVisit'] } } }));
    const effects = JSON.parse(runCli(['--config', 'effects.json', '--format', 'json', 'app/api/y'], cwd).stdout) as JsonFinding[];
    assert.deepEqual(effects.map((f) => `${f.rule}@${f.line}`), ['blocking-side-effect@2']);
    writeFileSync(join(cwd, 'package.json'), JSON.stringify({ dependencies: { next: '15.3.0' }, nextAfterLint: { rules: { 'await-after': 'off' } } }));
    assert.deepEqual((JSON.parse(runCli(['--format', 'json', 'app/api/x'], cwd).stdout) as JsonFinding[]).map((f) => f.rule), []);
    writeFileSync(join(cwd, 'broken.json'), '{ nope');
    const broken = runCli(['--config', 'broken.json'], cwd);
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /broken\.json: not valid JSON/);
  });

  test('--fix rewrites files in place, keeps CRLF, and reports what is left', () => {
    const crlf = HEADERS_IN_PAGE.replace(/\n/g, '\r\n');
    const cwd = app({ 'app/page.tsx': crlf, 'app/components/c.tsx': "'use client'\nimport { after } from 'next/server'\n" });
    const run = runCli(['--fix', '--format', 'json'], cwd);
    const fixed = readFileSync(join(cwd, 'app/page.tsx'), 'utf8');
    assert.equal(
      fixed,
      "import { after } from 'next/server'\r\nimport { headers } from 'next/headers'\r\nexport default async function Page() {\r\n  const headersList = await headers()\r\n  after(async () => { headersList })\r\n  return <main />\r\n}\r\n",
    );
    assert.match(run.stderr, /fixed 1 problem in app\/page\.tsx/);
    assert.deepEqual((JSON.parse(run.stdout) as JsonFinding[]).map((f) => `${f.rule}@${f.file}`), ['after-in-client-module@app/components/c.tsx']);
    assert.equal(run.status, 1);
  });

  test('--fix leaves a fix that needs a review, and JSON says it is not fixable; a safe one is applied with its captures', () => {
    const route = [
      'declare function auditOrder(order: { status: string }): Promise<void>',
      'declare function logOrder(data: { status: string }): Promise<void>',
      'export async function POST() {',
      "  const order = { status: 'new' }",
      '  await auditOrder(order)',
      '  await logOrder({ status: order.status })',
      "  order.status = 'paid'",
      '  return Response.json(order)',
      '}',
      '',
    ].join('\n');
    const cwd = app({ 'app/api/orders/route.ts': route });
    const before = JSON.parse(runCli(['--format', 'json'], cwd).stdout) as JsonFinding[];
    assert.deepEqual(before.map((f) => `${f.rule}@${f.line} fixable=${f.fixable}`), ['blocking-side-effect@5 fixable=false', 'blocking-side-effect@6 fixable=true']);
    assert.match(runCli([], cwd).stdout, /2 problems \(0 errors, 2 warnings, 0 info\); 1 fixable with --fix\n$/);
    const run = runCli(['--fix', '--format', 'json'], cwd);
    assert.match(run.stderr, /fixed 1 problem in app\/api\/orders\/route\.ts/);
    assert.ok(readFileSync(join(cwd, 'app/api/orders/route.ts'), 'utf8').includes(
      "  await auditOrder(order)\n  const status = order.status\n  after(async () => {\n    await logOrder({ status })\n  })\n  order.status = 'paid'",
    ));
    assert.deepEqual((JSON.parse(run.stdout) as JsonFinding[]).map((f) => `${f.rule}@${f.line} fixable=${f.fixable}`), ['blocking-side-effect@6 fixable=false']);
  });

  test('the project index follows a helper across files by default; --types finds the same', () => {
    const cwd = app({
      'tsconfig.json': JSON.stringify({ compilerOptions: { jsx: 'preserve', paths: { '@/*': ['./*'] } } }),
      'lib/visits.ts': "import { after } from 'next/server'\nimport { headers } from 'next/headers'\nexport function logVisit() {\n  after(async () => { await headers() })\n}\n",
      'app/page.tsx': "import { logVisit } from '@/lib/visits'\nexport default async function Page() {\n  logVisit()\n  return <main />\n}\n",
    });
    const indexed = JSON.parse(runCli(['--format', 'json'], cwd).stdout) as JsonFinding[];
    assert.deepEqual(indexed.map((f) => `${f.rule}@${f.file}:${f.line}:${f.column}`), ['request-api-in-after@app/page.tsx:3:3']);
    assert.match(indexed[0]!.message, /`logVisit` \(lib\/visits\.ts\) calls after\(\) with `headers\(\)` inside/);
    const typed = JSON.parse(runCli(['--types', '--format', 'json'], cwd).stdout) as JsonFinding[];
    assert.deepEqual(typed, indexed);
  });
});
