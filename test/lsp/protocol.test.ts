import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { makeWorkspace, ServerSession } from './serverProcess';

const PAGE = [
  "import { after } from 'next/server'",
  "import { headers } from 'next/headers'",
  '',
  'export default async function Page() {',
  '  after(async () => {',
  "    const userAgent = (await headers()).get('user-agent')",
  '    console.log(userAgent)',
  '  })',
  '  return <main />',
  '}',
  '',
].join('\n');

const HOISTED = [
  "import { after } from 'next/server'",
  "import { headers } from 'next/headers'",
  '',
  'export default async function Page() {',
  '  const headersList = await headers()',
  '  after(async () => {',
  "    const userAgent = headersList.get('user-agent')",
  '    console.log(userAgent)',
  '  })',
  '  return <main />',
  '}',
  '',
].join('\n');

describe('the built server over stdio', () => {
  let session: ServerSession;
  before(async () => {
    session = new ServerSession(makeWorkspace({ 'app/page.tsx': PAGE }));
    const result = (await session.initialize()) as { capabilities: Record<string, unknown> };
    assert.ok(result.capabilities.codeActionProvider, 'advertises code actions');
  });
  after(() => session.dispose());

  test('publishes request-api-in-after with its exact range, then nothing once the read is hoisted', async () => {
    const uri = session.open('app/page.tsx', PAGE);
    const diagnostics = await session.diagnosticsFor(uri, 1);
    assert.equal(diagnostics.length, 1);
    const [diagnostic] = diagnostics;
    assert.equal(diagnostic!.code, 'request-api-in-after');
    assert.equal(diagnostic!.source, 'next-after-lint');
    assert.equal(diagnostic!.severity, 1);
    assert.deepEqual(diagnostic!.range, { start: { line: 5, character: 29 }, end: { line: 5, character: 38 } });
    assert.equal(diagnostic!.codeDescription?.href, 'https://github.com/next-after-lint/next-after-lint/blob/main/docs/rules/request-api-in-after.md');
    assert.match(diagnostic!.message, /Server Component \(app\/page\.tsx\)/);

    const version = session.change(uri, HOISTED);
    assert.deepEqual(await session.diagnosticsFor(uri, version), []);
  });

  test('closing a document clears its diagnostics', async () => {
    const uri = session.open('app/closing/page.tsx', PAGE);
    assert.equal((await session.diagnosticsFor(uri, 1)).length, 1);
    session.close(uri);
    await session.until('an empty publish after close', () => {
      const last = session.lastPublished(uri);
      return last && last.version === undefined && last.diagnostics.length === 0 ? true : undefined;
    });
  });

  test('a file outside any Next.js app gets nothing', async () => {
    const outside = new ServerSession(makeWorkspace({}, null));
    try {
      await outside.initialize();
      const uri = outside.open('app/page.tsx', PAGE);
      assert.equal(await outside.analysedCount(uri, 1), 0);
      assert.deepEqual(await outside.diagnosticsFor(uri, 1), []);
    } finally {
      await outside.dispose();
    }
  });

  test('a client that is not asked for settings (other editors) pushes them with didChangeConfiguration', async () => {
    const pushing = new ServerSession(makeWorkspace({}));
    try {
      await pushing.initialize({ configuration: false });
      const uri = pushing.open('app/page.tsx', PAGE);
      assert.equal((await pushing.diagnosticsFor(uri, 1)).length, 1);
      await pushing.connection.sendNotification('workspace/didChangeConfiguration', { settings: { nextAfterLint: { rules: { 'request-api-in-after': 'warning' } } } });
      await pushing.until('the diagnostic as a warning', () => (pushing.lastPublished(uri)?.diagnostics[0]?.severity === 2 ? true : undefined));
      await pushing.connection.sendNotification('workspace/didChangeConfiguration', { settings: { nextAfterLint: { enable: false } } });
      await pushing.until('nothing once disabled', () => (pushing.lastPublished(uri)?.diagnostics.length === 0 ? true : undefined));
    } finally {
      await pushing.dispose();
    }
  });

  test("a changed vercel.json is noticed like a package.json: a route it lists as a cron job gets info", async () => {
    const job = "export async function GET() {\n  await logSync()\n  return Response.json({ ok: true })\n}\ndeclare function logSync(): Promise<void>\n";
    const uri = session.open('app/api/jobs/sync/route.ts', job);
    assert.deepEqual((await session.diagnosticsFor(uri, 1)).map((d) => [d.code, d.severity]), [['blocking-side-effect', 2]]);
    writeFileSync(join(session.root, 'vercel.json'), JSON.stringify({ crons: [{ path: '/api/jobs/sync', schedule: '0 * * * *' }] }));
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(session.root, 'vercel.json')).href, type: 1 }] });
    const info = await session.until('the finding as info', () => session.lastPublished(uri)?.diagnostics.find((d) => d.severity === 3));
    assert.match(info.message, /vercel\.json lists `\/api\/jobs\/sync` under `crons`/);
  });

  test('settings apply live: turning the rule off removes its diagnostic, unknown settings are reported, not fatal', async () => {
    const uri = session.open('app/settings/page.tsx', PAGE);
    assert.equal((await session.diagnosticsFor(uri, 1)).length, 1);
    session.settings = { rules: { 'request-api-in-after': 'off', 'no-such-rule': 'error' }, sideEffects: 'oops' };
    const before = session.logs.length;
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await session.until('an empty publish after the settings change', () => (session.lastPublished(uri)?.diagnostics.length === 0 ? true : undefined));
    await session.until('a message about the unknown rule', () => session.logs.slice(before).find((log) => log.message.includes('unknown rule "no-such-rule"')));
    session.settings = {};
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await session.until('the diagnostic back', () => (session.lastPublished(uri)?.diagnostics.length === 1 ? true : undefined));
  });
});
