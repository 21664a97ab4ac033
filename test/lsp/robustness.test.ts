import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { createConnection } from 'vscode-languageserver/node';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { pathToFileURL } from 'node:url';
import { rules } from '../../server/src/analysis';
import type { Rule } from '../../server/src/analysis';
import { LanguageServer } from '../../server/src/lsp/languageServer';
import { makeWorkspace, SERVER_WORKER, ServerSession, uriOf } from './serverProcess';

const PAGE = "import { after } from 'next/server'\nimport { headers } from 'next/headers'\nexport default async function Page() {\n  after(async () => { await headers() })\n  return <main />\n}\n";

describe('the built server survives bad input', () => {
  let session: ServerSession;
  before(async () => {
    session = new ServerSession(makeWorkspace({}));
    await session.initialize();
  });
  after(() => session.dispose());

  /** After each abuse the server must still analyse and answer. */
  async function stillServing(label: string): Promise<void> {
    const uri = session.open(`app/alive-${label}/page.tsx`, PAGE);
    assert.equal((await session.diagnosticsFor(uri, 1)).length, 1, `still publishing after ${label}`);
    const hover = await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 3 } });
    assert.ok(hover, `still answering after ${label}`);
  }

  test('unknown methods are answered with MethodNotFound, unknown notifications ignored', async () => {
    await assert.rejects(session.connection.sendRequest('nextAfterLint/noSuchMethod', {}), (error: { code?: number }) => error.code === -32601);
    void session.connection.sendNotification('nextAfterLint/noSuchNotification', { x: 1 });
    await stillServing('unknown-methods');
  });

  test('bad params and requests for documents never opened', async () => {
    const ghost = uriOf(session.root, 'app/ghost/page.tsx');
    assert.deepEqual(await session.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: ghost }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }), []);
    assert.equal(await session.connection.sendRequest('textDocument/hover', { textDocument: { uri: ghost }, position: { line: 0, character: 0 } }), null);
    await session.connection.sendRequest('textDocument/hover', { textDocument: { uri: 42 } }).catch(() => undefined);
    await session.connection.sendRequest('textDocument/codeAction', null).catch(() => undefined);
    void session.connection.sendNotification('textDocument/didChange', { textDocument: { uri: ghost, version: 2 }, contentChanges: [{ text: 'x' }] });
    void session.connection.sendNotification('textDocument/didOpen', { textDocument: null });
    await stillServing('bad-params');
  });

  test('out-of-range positions in code-action, hover and completion requests', async () => {
    const uri = session.open('app/range/page.tsx', PAGE);
    const [diagnostic] = await session.diagnosticsFor(uri, 1);
    const far = { start: { line: 9999, character: 9999 }, end: { line: -1, character: -5 } };
    const actions = await session.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: far, context: { diagnostics: [{ ...diagnostic, range: far, data: { rule: 'request-api-in-after', version: 1, index: 99 } }] } });
    assert.ok(Array.isArray(actions));
    await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 9999, character: 9999 } });
    await session.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: -3, character: 0 } });
    await stillServing('out-of-range');
  });

  test('a 5 MB file is analysed without taking the server down', async () => {
    const block = "export async function handler{n}() {\n  await fetch('/api/{n}')\n}\n";
    let text = PAGE;
    for (let n = 0; text.length < 5 * 1000 * 1000; n++) text += block.replaceAll('{n}', String(n));
    const uri = session.open('app/huge/page.tsx', text);
    assert.equal((await session.diagnosticsFor(uri, 1)).length, 1);
    await stillServing('5MB');
  });

  test('a file over the size limit is skipped with a message, not analysed', async () => {
    const uri = session.open('app/generated/page.tsx', PAGE + `// ${'x'.repeat(5.5 * 1024 * 1024)}\n`);
    assert.deepEqual(await session.diagnosticsFor(uri, 1), []);
    await session.until('the size message', () => session.logs.find((log) => log.message.includes('app/generated/page.tsx') && log.message.includes('not analysed')));
    await stillServing('over-limit');
  });

  test('a binary file named .ts gets no diagnostics and a message', async () => {
    const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)).toString('latin1');
    const uri = session.open('app/binary.ts', binary);
    assert.deepEqual(await session.diagnosticsFor(uri, 1), []);
    await session.until('the binary message', () => session.logs.find((log) => log.message.includes('looks binary')));
    await stillServing('binary');
  });

  test('200 rapid changes: the diagnostics of the last one are correct', async () => {
    const uri = session.open('app/rapid/page.tsx', PAGE);
    let version = 1;
    for (let i = 0; i < 200; i++) version = session.change(uri, i % 2 === 1 ? PAGE.replace('await headers()', 'await headers(); await after(() => {})') : PAGE);
    const diagnostics = await session.diagnosticsFor(uri, version);
    assert.deepEqual(diagnostics.map((d) => d.code), ['request-api-in-after', 'await-after']);
    await stillServing('rapid');
  });
});

describe('a rule that throws (in-process server)', () => {
  test('is reported once in the output and does not take the other rules down', async () => {
    const throwing: Rule = { meta: { id: 'throws-always', description: 't', defaultSeverity: 'error', fixable: false }, check: () => { throw new Error('rule exploded'); } };
    const toServer = new PassThrough();
    const fromServer = new PassThrough();
    const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(fromServer));
    new LanguageServer(serverConnection, { rules: [throwing, ...rules], debounceMs: 0, workerScript: SERVER_WORKER }).listen();
    const client = createMessageConnection(new StreamMessageReader(fromServer), new StreamMessageWriter(toServer));
    const logs: string[] = [];
    const published: { uri: string; diagnostics: { code: string }[] }[] = [];
    let wake = (): void => {};
    client.onNotification('window/logMessage', (params: { message: string }) => (logs.push(params.message), wake()));
    client.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: { code: string }[] }) => (published.push(params), wake()));
    client.listen();
    const root = makeWorkspace({});
    await client.sendRequest('initialize', { processId: null, rootUri: pathToFileURL(root).href, workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'w' }], capabilities: {} });
    void client.sendNotification('initialized', {});
    for (const name of ['a', 'b']) {
      void client.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(root, `app/${name}/page.tsx`), languageId: 'typescriptreact', version: 1, text: PAGE } });
    }
    const deadline = Date.now() + 10000;
    while (published.length < 2) {
      assert.ok(Date.now() < deadline, 'both documents published');
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 500);
      });
    }
    assert.deepEqual(published.map((p) => p.diagnostics.map((d) => d.code)), [['request-api-in-after'], ['request-api-in-after']]);
    assert.equal(logs.filter((message) => message.includes('rule throws-always failed')).length, 1);
    client.dispose();
    serverConnection.dispose();
  });
});
