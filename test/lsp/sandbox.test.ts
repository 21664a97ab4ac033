import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { SERVER_PATH, ServerSession } from './serverProcess';

/**
 * Loaded into the server process before the bundle: records every file read and every attempt to
 * reach the network (sockets, HTTP, DNS, fetch). Written with the functions captured before
 * patching, so recording never records itself.
 */
const PRELOAD = String.raw`
const fs = require('node:fs');
const append = fs.appendFileSync.bind(fs);
const log = process.env.NAL_SANDBOX_LOG;
let busy = false;
function record(kind, detail) {
  if (busy) return;
  busy = true;
  try { append(log, JSON.stringify({ kind, detail: typeof detail === 'string' ? detail : String(detail) }) + '\n'); } finally { busy = false; }
}
function wrap(target, name, kind, describe) {
  const original = target[name];
  if (typeof original !== 'function') return;
  target[name] = function (...args) { record(kind, describe(args)); return original.apply(this, args); };
}
const pathOf = (args) => (args[0] instanceof URL ? args[0].pathname : typeof args[0] === 'string' ? args[0] : 'fd');
for (const name of ['readFileSync', 'readFile', 'openSync', 'open', 'createReadStream', 'readdirSync', 'readdir', 'opendirSync']) wrap(fs, name, 'read', pathOf);
for (const name of ['readFile', 'open', 'readdir', 'opendir']) wrap(fs.promises, name, 'read', pathOf);
const net = require('node:net');
for (const name of ['connect', 'createConnection']) wrap(net, name, 'network', (args) => JSON.stringify(args[0]));
wrap(net.Socket.prototype, 'connect', 'network', (args) => JSON.stringify(args[0]));
for (const module of ['node:http', 'node:https']) for (const name of ['request', 'get']) wrap(require(module), name, 'network', (args) => String(args[0]));
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) wrap(require('node:dns'), name, 'network', (args) => String(args[0]));
wrap(require('node:tls'), 'connect', 'network', (args) => JSON.stringify(args[0]));
wrap(require('node:dgram'), 'createSocket', 'network', (args) => JSON.stringify(args[0]));
wrap(globalThis, 'fetch', 'network', (args) => String(args[0]));
`;

const MARKERS = new Set(['package.json', 'next.config.js', 'next.config.mjs', 'next.config.cjs', 'next.config.ts', 'vercel.json', 'tsconfig.json', 'jsconfig.json']);

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

const isInside = (child: string, parent: string): boolean => {
  const rel = relative(parent, resolve(child));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !rel.startsWith('/'));
};

test('the built server reads only the workspace, the documents sent and their project markers, and never touches the network', async () => {
  const scratch = mkdtempSync(join(tmpdir(), 'nal-sandbox-'));
  const workspace = join(scratch, 'ws');
  const outside = join(scratch, 'outside');
  const page = "import { after } from 'next/server'\nimport { headers } from 'next/headers'\nimport { track } from '@/lib/track'\nexport default async function Page() {\n  after(async () => { await headers() })\n  await track()\n  return <main />\n}\n";
  write(scratch, {
    'ws/package.json': JSON.stringify({ dependencies: { next: '15.3.0' } }),
    'ws/tsconfig.json': JSON.stringify({ compilerOptions: { jsx: 'preserve', paths: { '@/*': ['./*'] } } }),
    'ws/app/page.tsx': page,
    'ws/lib/track.ts': 'export async function track() {}\n',
    'outside/package.json': JSON.stringify({ dependencies: { next: '15.3.0' } }),
    // Its neighbour is not a document the client sent: the type-aware pass must not read it.
    'outside/app/page.tsx': `import { secret } from './private'\n${page}`,
    'outside/app/private.ts': 'export const secret = 1\n',
    'outside/notes.txt': 'private',
    'secret.txt': 'private',
  });
  const preload = join(scratch, 'preload.cjs');
  writeFileSync(preload, PRELOAD);
  const logFile = join(scratch, 'sandbox.log');
  writeFileSync(logFile, '');

  const session = new ServerSession(workspace, { execArgv: ['--require', preload], env: { NAL_SANDBOX_LOG: logFile } });
  try {
    await session.initialize();
    const inside = session.open('app/page.tsx', page);
    const other = session.openUri(pathToFileURL(join(outside, 'app/page.tsx')).href, readFileSync(join(outside, 'app/page.tsx'), 'utf8'));
    for (const uri of [inside, other]) {
      await session.until(`the type-aware pass of ${uri}`, () => session.analysedPhases(uri, 1).includes('semantic') || undefined);
      assert.ok((await session.diagnosticsFor(uri, 1)).some((d) => d.code === 'request-api-in-after'), 'analysed for real');
      await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 3 } });
      await session.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 6, character: 2 } });
      await session.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }, context: { diagnostics: [] } });
    }
  } finally {
    await session.dispose();
  }

  const entries = readFileSync(logFile, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { kind: string; detail: string });
  const reads = entries.filter((entry) => entry.kind === 'read').map((entry) => entry.detail);
  assert.ok(reads.some((path) => path.endsWith(join('ws', 'lib', 'track.ts'))), `the semantic pass read the workspace (reads: ${reads.join(', ')})`);
  const serverFolder = dirname(SERVER_PATH);
  const stray = reads.filter(
    (path) => path !== 'fd' && !isInside(path, workspace) && !isInside(path, serverFolder) && !(MARKERS.has(basename(path)) && isInside(join(outside, 'app'), dirname(path))),
  );
  assert.deepEqual(stray, [], 'reads outside the allowed places');
  assert.deepEqual(entries.filter((entry) => entry.kind === 'network'), [], 'network attempts');
});
