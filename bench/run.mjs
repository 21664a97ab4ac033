// `npm run bench`: speed and memory of next-after-lint on a generated corpus; prints one JSON object.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { bigRouteFile, writeCorpus } from './corpus.mjs';
import { benchEditorAtScale } from './editorAtScale.mjs';
import { benchMonorepo, MONOREPO_CORPUS } from './monorepo.mjs';
import { eslintPluginBench } from './eslintPlugin.mjs';

const root = new URL('..', import.meta.url).pathname;
// Inside the repository, so the ESLint config of the comparison resolves our node_modules.
const corpus = join(root, '.build', 'bench-corpus');
const EDITS = Number(process.env.BENCH_EDITS ?? 40);

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)].toFixed(1));
}

function timed(command, args, options = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, ...options });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.slice(-2000)}`);
  return { ms, stdout: result.stdout };
}

async function editorLatency() {
  const server = spawn(process.execPath, [join(root, 'server/out/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  const waiters = [];
  connection.onNotification('nextAfterLint/analysed', (params) => {
    for (const waiter of [...waiters]) if (waiter.match(params)) waiter.resolve(params);
  });
  connection.onNotification('textDocument/publishDiagnostics', () => {});
  connection.onNotification('window/logMessage', () => {});
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
  connection.listen();
  const until = (match) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no analysis within 120 s')), 120000);
      waiters.push({ match, resolve: (value) => (clearTimeout(timer), waiters.splice(waiters.findIndex((w) => w.match === match), 1), resolve(value)) });
    });
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(corpus).href,
    workspaceFolders: [{ uri: pathToFileURL(corpus).href, name: 'corpus' }],
    capabilities: { workspace: { configuration: true } },
    initializationOptions: { testMode: true, debounceMs: 0 },
  });
  connection.sendNotification('initialized', {});
  const uri = pathToFileURL(join(corpus, 'app/api/big/route.ts')).href;
  const text = readFileSync(join(corpus, 'app/api/big/route.ts'), 'utf8');
  const coldStart = process.hrtime.bigint();
  const firstSemantic = until((p) => p.uri === uri && p.version === 1 && p.phase === 'semantic');
  connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
  await firstSemantic;
  const coldSemanticMs = Number(process.hrtime.bigint() - coldStart) / 1e6;

  const syntactic = [];
  const semantic = [];
  for (let version = 2; version < 2 + EDITS; version++) {
    // A realistic keystroke-sized edit: one line of the handler changes.
    const edited = text.replace('const value = await compute0(body.n)', `const value = await compute0(body.n + ${version})`);
    const started = process.hrtime.bigint();
    const first = until((p) => p.uri === uri && p.version === version && p.phase === 'syntactic');
    const second = until((p) => p.uri === uri && p.version === version && p.phase === 'semantic');
    connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: edited }] });
    await first;
    syntactic.push(Number(process.hrtime.bigint() - started) / 1e6);
    await second;
    semantic.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  const peakRssMb = Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024;
  await connection.sendRequest('shutdown');
  connection.sendNotification('exit');
  connection.dispose();
  server.kill();
  return { syntactic, semantic, coldSemanticMs, peakRssMb };
}

const fileCount = writeCorpus(corpus, { files: 2000, seed: 42 });
const bigLines = bigRouteFile().split('\n').length;

const cli = timed(process.execPath, [join(root, 'dist/cli.js'), corpus, '--format', 'json']);
const findings = JSON.parse(cli.stdout).length;
const parseOnly = timed(process.execPath, [join(root, 'bench/parseOnly.cjs'), corpus]);

writeFileSync(
  join(corpus, 'eslint.config.mjs'),
  `import tseslint from 'typescript-eslint';
export default tseslint.config({
  files: ['**/*.ts', '**/*.tsx'],
  languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  plugins: { '@typescript-eslint': tseslint.plugin },
  rules: { '@typescript-eslint/no-floating-promises': 'error' },
});
`,
);
const eslint = timed(process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), '--no-config-lookup', '--config', join(corpus, 'eslint.config.mjs'), '--format', 'json', '.'], { cwd: corpus });

const eslintPlugin = eslintPluginBench(corpus, { cli: { ms: cli.ms, findings } });
const editor = await editorLatency();
const targets = {
  syntacticP95Ms: 30,
  semanticP95Ms: 150,
  cliOverParseOnly: 1.5,
  cliOverEslint: 0.1,
  serverRssMb: 400,
};
const result = {
  corpus: { files: fileCount, bigFileLines: bigLines, seed: 42, cliFindings: findings },
  editor: {
    edits: EDITS,
    syntacticP50Ms: percentile(editor.syntactic, 50),
    syntacticP95Ms: percentile(editor.syntactic, 95),
    semanticP50Ms: percentile(editor.semantic, 50),
    semanticP95Ms: percentile(editor.semantic, 95),
    coldSemanticMs: Number(editor.coldSemanticMs.toFixed(0)),
    note: 'from didChange to the server publishing, debounce set to 0 (the editor waits 150 ms for the typist first)',
  },
  cliWallMs: Number(cli.ms.toFixed(0)),
  parseOnlyWallMs: Number(parseOnly.ms.toFixed(0)),
  eslintNoFloatingPromisesWallMs: Number(eslint.ms.toFixed(0)),
  ratios: { cliOverParseOnly: Number((cli.ms / parseOnly.ms).toFixed(2)), cliOverEslint: Number((cli.ms / eslint.ms).toFixed(3)) },
  serverPeakRssMb: Number(editor.peakRssMb.toFixed(0)),
  eslintPlugin,
  targets,
};
result.monorepo = benchMonorepo();
result.editorAtScale = await benchEditorAtScale(MONOREPO_CORPUS, result.monorepo.cliWallMs);
result.targetsMet = {
  syntacticP95: result.editor.syntacticP95Ms <= targets.syntacticP95Ms,
  semanticP95: result.editor.semanticP95Ms <= targets.semanticP95Ms,
  cliOverParseOnly: result.ratios.cliOverParseOnly <= targets.cliOverParseOnly,
  cliOverEslint: result.ratios.cliOverEslint <= targets.cliOverEslint,
  serverRss: result.serverPeakRssMb <= targets.serverRssMb,
};
console.log(JSON.stringify(result, null, 2));
