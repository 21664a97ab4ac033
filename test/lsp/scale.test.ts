import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { makeWorkspace, ServerSession, uriOf } from './serverProcess';

/** A helper three imports away from the page: page -> lib/visits -> lib/chain/b -> lib/chain/c (after + headers). */
const CHAIN = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { jsx: 'preserve', paths: { '@/*': ['./*'] } } }),
  'lib/chain/c.ts': "import { after } from 'next/server'\nimport { headers } from 'next/headers'\nexport function remember() {\n  after(async () => { (await headers()).get('x-visitor') })\n}\n",
  'lib/chain/b.ts': "export { remember as rememberVisit } from './c'\n",
  'lib/visits.ts': "import { rememberVisit } from './chain/b'\nexport function recordView() {\n  rememberVisit()\n}\n",
  'lib/log.ts': 'export async function logEvent(name: string) {\n  await fetch("https://log.example.com/" + name)\n}\n',
};
const PAGE = "import { recordView } from '@/lib/visits'\nexport default async function Page() {\n  recordView()\n  return <main />\n}\n";
const route = (i: number): string => `import { logEvent } from '@/lib/log'\nexport async function POST() {\n  const id = ${i}\n  await logEvent('r' + id)\n  return Response.json({ id })\n}\n`;

/** An app large enough that indexing it takes a while: every route has one blocking side effect. */
function bigApp(routes: number): Record<string, string> {
  const files: Record<string, string> = { ...CHAIN, 'app/page.tsx': PAGE };
  for (let i = 0; i < routes; i++) files[`app/api/r${i}/route.ts`] = route(i);
  return files;
}

async function indexing(session: ServerSession): Promise<void> {
  await session.until('indexing under way', () => {
    const status = session.appStatus();
    return status?.state === 'indexing' && status.total > 0 && status.done < status.total ? true : undefined;
  });
}

describe('the editor at scale: the analysis worker', () => {
  test('indexing reports progress, then the status says ready with the problems and the Next.js version', async () => {
    const session = new ServerSession(makeWorkspace(bigApp(300)));
    try {
      await session.initialize({ progress: true });
      // A document analysed before the check has listed the app's files must not make the app look
      // indexed: opened as soon as the app is known, its analysis comes before the listing.
      await session.until('the app found', () => (session.appStatus() ? true : undefined));
      session.open('app/api/r1/route.ts', route(1));
      const ready = await session.until('the app indexed', () => (session.appStatus()?.state === 'ready' ? session.appStatus() : undefined), 60000);
      assert.deepEqual([ready.total, ready.done, ready.problems, ready.nextVersion], [305, 305, 301, '15.3.0']);
      const messages = session.progress.map((entry) => entry.value.message ?? entry.value.kind);
      assert.ok(messages.some((message) => /^Indexing .+: \d[\d,]* \/ 305 files$/.test(message)), messages.join('\n'));
      await session.until('the progress ends', () => (session.progress.at(-1)?.value.kind === 'end' ? true : undefined));
    } finally {
      await session.dispose();
    }
  });

  test('200 rapid edits during indexing: the last version gets exact diagnostics and nothing older is published after it', async () => {
    const root = makeWorkspace(bigApp(1200));
    const session = new ServerSession(root);
    try {
      await session.initialize({ debounceMs: 0 });
      const uri = session.open('app/edited/route.ts', route(0));
      await indexing(session);
      let version = 1;
      for (let i = 1; i <= 200; i++) version = session.change(uri, i % 2 === 0 ? route(i) : route(i).replace("  await logEvent('r' + id)\n", ''));
      await session.until('the last version analysed across files', () => (session.analysedPhases(uri, version).includes('semantic') ? true : undefined), 60000);
      assert.equal(session.appStatus()?.state, 'indexing', 'the edits were analysed while the app was still being indexed');
      const finalPublish = session.publishLog.findIndex((params) => params.uri === uri && params.version === version);
      assert.deepEqual(session.publishLog[finalPublish]!.diagnostics.map((d) => [d.code, d.range.start.line]), [['blocking-side-effect', 3]]);
      const older = session.publishLog.slice(finalPublish + 1).filter((params) => params.uri === uri && params.version !== version);
      assert.deepEqual(older, [], 'no older version published after the last one');
    } finally {
      await session.dispose();
    }
  });

  test('hover, code actions and completion are answered while the app is being indexed', async () => {
    const session = new ServerSession(makeWorkspace(bigApp(1200)));
    try {
      await session.initialize();
      const uri = session.open('app/api/r1/route.ts', route(1));
      await session.diagnosticsFor(uri, 1);
      await indexing(session);
      const answers = await Promise.all([
        session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 10 } }),
        session.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 3, character: 2 }, end: { line: 3, character: 30 } }, context: { diagnostics: [], only: ['quickfix'] } }),
        session.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 2 } }),
      ]);
      assert.equal(answers.length, 3);
      assert.equal(session.appStatus()?.state, 'indexing', 'answered before indexing finished');
    } finally {
      await session.dispose();
    }
  });

  test('a page whose helper is three imports away gets its finding; editing the helper in the editor updates the open page', async () => {
    const root = makeWorkspace(CHAIN);
    const session = new ServerSession(root);
    try {
      await session.initialize();
      const page = session.open('app/page.tsx', PAGE);
      const finding = await session.until('the cross-file finding', () => session.lastPublished(page)?.diagnostics.find((d) => d.code === 'request-api-in-after'));
      assert.match(finding.message, /`recordView` \(lib\/visits\.ts\) calls `rememberVisit` \(chain\/b\.ts\) calls after\(\) with `headers\(\)` inside|`recordView` \(lib\/visits\.ts\) calls `remember` \(chain\/c\.ts\) calls after\(\) with `headers\(\)` inside/);
      const helper = session.open('lib/chain/c.ts', CHAIN['lib/chain/c.ts']);
      await session.diagnosticsFor(helper, 1);
      session.change(helper, CHAIN['lib/chain/c.ts'].replace("(await headers()).get('x-visitor')", 'console.log(1)'));
      await session.until('the page analysed again without the finding', () => (session.lastPublished(page)?.diagnostics.length === 0 ? true : undefined));
    } finally {
      await session.dispose();
    }
  });

  test('Check Whole App publishes the problems of files never opened; a file changed on disk updates them', async () => {
    const root = makeWorkspace(bigApp(20));
    const session = new ServerSession(root);
    try {
      await session.initialize();
      await session.until('the app indexed', () => (session.appStatus()?.state === 'ready' ? true : undefined), 60000);
      const neverOpened = uriOf(root, 'app/api/r7/route.ts');
      assert.equal(session.lastPublished(neverOpened), undefined, 'openFiles: nothing for an unopened file before the check');
      const result = (await session.connection.sendRequest('nextAfterLint/checkWholeApp', {})) as { apps: { files: number; problems: number }[]; cancelled: boolean };
      assert.deepEqual(result, { apps: [{ root: pathToFileURL(root).href, files: 25, problems: 21 }], cancelled: false });
      assert.deepEqual(session.lastPublished(neverOpened)?.diagnostics.map((d) => [d.code, d.range.start.line]), [['blocking-side-effect', 3]]);
      writeFileSync(join(root, 'app/api/r7/route.ts'), route(7).replace("  await logEvent('r' + id)\n", ''));
      session.filesChanged([{ path: 'app/api/r7/route.ts', type: 2 }]);
      await session.until('the changed file published again', () => (session.lastPublished(neverOpened)?.diagnostics.length === 0 ? true : undefined));
      // A helper changed on disk: the files that use it are analysed again.
      writeFileSync(join(root, 'lib/log.ts'), 'export function logEvent(name: string): void {\n  console.log(name)\n}\n');
      session.filesChanged([{ path: 'lib/log.ts', type: 2 }]);
      const other = uriOf(root, 'app/api/r3/route.ts');
      await session.until('a dependent of the helper published again', () => (session.lastPublished(other)?.diagnostics.length === 0 ? true : undefined));
    } finally {
      await session.dispose();
    }
  });

  test('a cancelled Check Whole App takes back what it published: no stale problems', async () => {
    const root = makeWorkspace(bigApp(1200));
    const session = new ServerSession(root);
    try {
      await session.initialize();
      const source = new CancellationTokenSource();
      const check = session.connection.sendRequest('nextAfterLint/checkWholeApp', {}, source.token) as Promise<{ cancelled: boolean }>;
      await session.until('some problems published by the check', () => (session.publishLog.filter((params) => params.diagnostics.length > 0).length >= 5 ? true : undefined), 60000);
      source.cancel();
      const result = await check.catch((error: { code?: number }) => ({ cancelled: error.code === -32800 }));
      assert.equal(result.cancelled, true);
      await session.until('every published file emptied', () => {
        const latest = new Map<string, number>();
        for (const params of session.publishLog) latest.set(params.uri, params.diagnostics.length);
        return [...latest.values()].every((count) => count === 0) ? true : undefined;
      });
    } finally {
      await session.dispose();
    }
  });

  test('run: workspace publishes every file of the app; closing a file keeps its problems', async () => {
    const root = makeWorkspace(bigApp(10));
    const session = new ServerSession(root);
    session.settings = { run: 'workspace' };
    try {
      await session.initialize();
      const unopened = uriOf(root, 'app/api/r4/route.ts');
      await session.until('an unopened file published', () => (session.lastPublished(unopened)?.diagnostics.length === 1 ? true : undefined), 60000);
      const uri = session.open('app/api/r2/route.ts', route(2));
      await session.diagnosticsFor(uri, 1);
      session.close(uri);
      await session.until('the closed file published from disk again', () => (session.lastPublished(uri)?.diagnostics.length === 1 ? true : undefined));
    } finally {
      await session.dispose();
    }
  });

  test('typeAware: full runs the TypeScript checker in the worker and finds the same', async () => {
    const session = new ServerSession(makeWorkspace(CHAIN));
    session.settings = { typeAware: 'full' };
    try {
      await session.initialize();
      const page = session.open('app/page.tsx', PAGE);
      await session.until('the cross-file finding', () => session.lastPublished(page)?.diagnostics.find((d) => d.code === 'request-api-in-after'), 60000);
    } finally {
      await session.dispose();
    }
  });
});

describe('a monorepo: each app with its own version and settings', () => {
  test('both apps are found and indexed with their own Next.js version; a file of each gets its own rules', async () => {
    const root = makeWorkspace(
      {
        'package.json': JSON.stringify({ name: 'monorepo', private: true, workspaces: ['apps/*'] }),
        'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: { next: '15.3.0' } }),
        'apps/web/app/api/a/route.ts': route(1),
        'apps/legacy/package.json': JSON.stringify({ name: 'legacy', dependencies: { next: '15.0.4' } }),
        'apps/legacy/app/api/ping/route.ts': "import { after } from 'next/server'\nexport async function GET() {\n  after(() => console.log('ping'))\n  return new Response('pong')\n}\n",
      },
      null,
    );
    const session = new ServerSession(root);
    try {
      await session.initialize();
      const web = pathToFileURL(join(root, 'apps/web')).href;
      const legacy = pathToFileURL(join(root, 'apps/legacy')).href;
      await session.until('both apps indexed', () => (session.appStatus(web)?.state === 'ready' && session.appStatus(legacy)?.state === 'ready' ? true : undefined), 60000);
      assert.deepEqual([session.appStatus(web)?.nextVersion, session.appStatus(legacy)?.nextVersion], ['15.3.0', '15.0.4']);
      const ping = session.open('apps/legacy/app/api/ping/route.ts', "import { after } from 'next/server'\nexport async function GET() {\n  after(() => console.log('ping'))\n  return new Response('pong')\n}\n");
      assert.deepEqual((await session.diagnosticsFor(ping, 1)).map((d) => d.code), ['after-unavailable']);
    } finally {
      await session.dispose();
    }
  });
});
