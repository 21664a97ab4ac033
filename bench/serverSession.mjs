// The built language server over stdio, as an editor drives it, for the benchmark's editor parts.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';

const root = new URL('..', import.meta.url).pathname;

/** A server session with waiters on its notifications. */
export async function startServer(corpus, settings = {}) {
  const server = spawn(process.execPath, [join(root, 'server/out/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  // Answers still on their way when the server exits must not end the benchmark.
  server.stdin.on('error', () => {});
  const writer = new StreamMessageWriter(server.stdin);
  const write = writer.write.bind(writer);
  writer.write = (message) => write(message).catch(() => {});
  const connection = createMessageConnection(new StreamMessageReader(server.stdout), writer);
  const waiters = new Set();
  const events = [];
  const notify = (event) => {
    events.push(event);
    for (const waiter of [...waiters]) if (waiter.match(event)) (waiters.delete(waiter), waiter.resolve(event));
  };
  connection.onNotification('nextAfterLint/analysed', (params) => notify({ kind: 'analysed', ...params }));
  connection.onNotification('textDocument/publishDiagnostics', (params) => notify({ kind: 'publish', ...params }));
  connection.onNotification('nextAfterLint/status', (params) => notify({ kind: 'status', ...params }));
  connection.onNotification('window/logMessage', () => {});
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => settings));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  const until = (match, what, timeoutMs = 300000) =>
    new Promise((resolve, reject) => {
      const existing = events.find(match);
      if (existing) return resolve(existing);
      const waiter = { match, resolve: (value) => (clearTimeout(timer), resolve(value)) };
      const timer = setTimeout(() => (waiters.delete(waiter), reject(new Error(`no ${what} within ${timeoutMs} ms`))), timeoutMs);
      waiters.add(waiter);
    });
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(corpus).href,
    workspaceFolders: [{ uri: pathToFileURL(corpus).href, name: 'corpus' }],
    capabilities: { workspace: { configuration: true } },
    initializationOptions: { testMode: true, debounceMs: 0 },
  });
  connection.sendNotification('initialized', {});
  let version = 0;
  const versions = new Map();
  const open = (path) => {
    const uri = pathToFileURL(join(corpus, path)).href;
    const text = readFileSync(join(corpus, path), 'utf8');
    versions.set(uri, 1);
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: path.endsWith('x') ? 'typescriptreact' : 'typescript', version: 1, text } });
    return { uri, text };
  };
  const change = (uri, text) => {
    version = (versions.get(uri) ?? 1) + 1;
    versions.set(uri, version);
    connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  };
  const appStatus = () => [...events].reverse().find((event) => event.kind === 'status' && event.apps.some((app) => app.root.endsWith('/apps/web')))?.apps.find((app) => app.root.endsWith('/apps/web'));
  const peakRssMb = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))[1]) / 1024;
  const stop = async () => {
    await Promise.race([connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 2000))]).catch(() => {});
    connection.sendNotification('exit');
    connection.dispose();
    server.kill();
  };
  return { connection, until, open, change, appStatus, peakRssMb, stop, events };
}

