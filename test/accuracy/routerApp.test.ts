import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import ts from 'typescript';
import { compareWithMarks, expectedMarks, fixtureSources } from '../support/marks';
import { copyOf, ROOT, runCli } from '../cli/cliProcess';
import { ServerSession, uriOf } from '../lsp/serverProcess';

/**
 * Issue 19's fixture: a Next.js app that serves a tRPC router from a workspace package without
 * `next`, an oRPC router, a Hono app, Auth.js and better-auth. Every finding is marked on its
 * line; the CLI, the editor and (test/eslint/fixtureApps.test.ts) the ESLint plugin find exactly them.
 */
const APP = join(ROOT, 'test', 'fixtures', 'router-app');

interface JsonFinding {
  file: string;
  line: number;
  rule: string;
  severity: string;
  message: string;
  fixable: boolean;
}

function cliFindings(cwd: string, ...args: string[]): JsonFinding[] {
  const run = runCli(['--format', 'json', ...args], cwd);
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  return JSON.parse(run.stdout) as JsonFinding[];
}

/** Type errors of the whole fixture, with the hand-written stubs for Next.js and the router packages. */
function typeErrors(root: string): string[] {
  const stubs = join(ROOT, 'test', 'fixtures', 'next-types');
  const files = [...fixtureSources(root), join(stubs, 'globals.d.ts')];
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    types: [],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    paths: {
      '@/*': [join(root, 'apps/web/*')],
      '@acme/api': [join(root, 'packages/api/src/index.ts')],
      'next/server': [join(stubs, 'next', 'server.d.ts')],
      'next/headers': [join(stubs, 'next', 'headers.d.ts')],
      'next/navigation': [join(stubs, 'next', 'navigation.d.ts')],
    },
  });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file ? `${relative(root, diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  });
}

describe('router-app: request scopes behind routers', () => {
  test('the fixture is what it says: five routers under app/api, and the tRPC package does not depend on next', () => {
    const manifest = JSON.parse(readFileSync(join(APP, 'packages', 'api', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    assert.equal(manifest.dependencies.next, undefined);
    const routes = fixtureSources(APP).filter((file) => file.endsWith('route.ts')).map((file) => relative(APP, file));
    for (const part of ['trpc', 'rpc', 'hono', 'auth', 'account']) assert.ok(routes.some((route) => route.includes(`/api/${part}/`)), `a ${part} route`);
  });

  test('the default CLI finds every marked finding and nothing else, naming the scope and its route', () => {
    const findings = cliFindings(APP);
    const expected = expectedMarks(APP);
    assert.equal(expected.marks.length, 17);
    assert.deepEqual(compareWithMarks(expected, findings.map((finding) => ({ ...finding, path: finding.file }))), { missed: [], falseAlarms: [], wrongSeverities: [] });
    const message = (file: string, line: number) => findings.find((finding) => finding.file === file && finding.line === line)?.message ?? '';
    assert.match(message('packages/api/src/routers/monitor.ts', 10), /tRPC mutation `monitor\.createMonitor`, served by apps\/web\/app\/api\/trpc\/\[trpc\]\/route\.ts/);
    assert.match(message('apps/web/server/hono/users.ts', 8), /Hono handler `POST \/api\/hono\/users\/:id\/ban`, served by app\/api\/hono\/\[\[\.\.\.route\]\]\/route\.ts/);
    assert.match(message('apps/web/auth.ts', 23), /Auth\.js event `createUser`, served by app\/api\/auth\/\[\.\.\.nextauth\]\/route\.ts/);
    assert.match(message('apps/web/lib/better-auth.ts', 16), /better-auth database hook/);
  });

  test('--fix adds after() from next/server inside procedures and handlers; the fixture type-checks before and after', () => {
    const cwd = copyOf(APP);
    assert.deepEqual(typeErrors(cwd), [], 'the fixture type-checks as written');
    const run = runCli(['--fix'], cwd);
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    const monitor = readFileSync(join(cwd, 'packages/api/src/routers/monitor.ts'), 'utf8');
    assert.match(monitor, /after\(async \(\) => \{\n\s+await trackEvent\('monitor_created', \{ id: monitor\.id \}\);\n\s+\}\);/);
    assert.match(readFileSync(join(cwd, 'apps/web/server/hono/users.ts'), 'utf8'), /^import \{ after \} from 'next\/server';$/m);
    assert.deepEqual(typeErrors(cwd), [], 'and after --fix');
    assert.deepEqual(cliFindings(cwd), [], 'nothing is left to fix');
  });

  test('the editor publishes the same findings for every marked file, with facts from the routes', async () => {
    const cwd = copyOf(APP);
    const session = new ServerSession(cwd);
    try {
      await session.initialize();
      const expected = expectedMarks(cwd);
      const files = [...new Set(expected.marks.map((mark) => mark.slice(mark.indexOf('@') + 1, mark.lastIndexOf(':'))))].concat('packages/api/src/routers/legacy.ts');
      const found: { rule: string; severity: string; path: string; line: number }[] = [];
      for (const file of files) {
        const uri = session.open(file, readFileSync(join(cwd, file), 'utf8'));
        // A file of the package that no route serves belongs to no app: its one (empty) publish is all there is.
        const last = file.endsWith('legacy.ts') ? 'syntactic' : 'semantic';
        await session.until(`the analysis of ${file} across files`, () => (session.analysedPhases(uri, 1).includes(last) ? true : undefined), 60000);
        const diagnostics = session.lastPublished(uri)?.diagnostics ?? [];
        for (const diagnostic of diagnostics) {
          found.push({ rule: String(diagnostic.code), severity: diagnostic.severity === 3 ? 'info' : diagnostic.severity === 2 ? 'warning' : 'error', path: file, line: diagnostic.range.start.line + 1 });
        }
        assert.equal(uriOf(cwd, file), uri);
      }
      assert.deepEqual(compareWithMarks(expected, found), { missed: [], falseAlarms: [], wrongSeverities: [] });
    } finally {
      await session.dispose();
    }
  });
});
