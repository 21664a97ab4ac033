// `npm run bench`: speed and memory of next-after-lint on a generated corpus; prints one JSON object.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bigRouteFile, writeCorpus } from './corpus.mjs';
import { benchEditorAtScale } from './editorAtScale.mjs';
import { startServer } from './serverSession.mjs';
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
  const session = await startServer(corpus);
  const analysed = (uri, version, phase) => (event) => event.kind === 'analysed' && event.uri === uri && event.version === version && event.phase === phase;
  const path = 'app/api/big/route.ts';
  const coldStart = process.hrtime.bigint();
  const { uri, text } = session.open(path);
  await session.until(analysed(uri, 1, 'semantic'), 'the first analysis across files');
  const coldSemanticMs = Number(process.hrtime.bigint() - coldStart) / 1e6;

  const syntactic = [];
  const semantic = [];
  for (let edit = 0; edit < EDITS; edit++) {
    // A realistic keystroke-sized edit: one line of the handler changes.
    const started = process.hrtime.bigint();
    const version = session.change(uri, text.replace('const value = await compute0(body.n)', `const value = await compute0(body.n + ${edit})`));
    await session.until(analysed(uri, version, 'syntactic'), 'the syntactic analysis');
    syntactic.push(Number(process.hrtime.bigint() - started) / 1e6);
    await session.until(analysed(uri, version, 'semantic'), 'the analysis across files');
    semantic.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const peakRssMb = session.peakRssMb();
  await session.stop();
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
