// The ESLint plugin's share of a lint: ESLint with only our plugin, and what our plugin adds to ESLint
// with typescript-eslint's recommended type-checked config. Run alone (`node bench/eslintPlugin.mjs`,
// after a build) or from bench/run.mjs; prints or returns the `eslintPlugin` object.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeCorpus } from './corpus.mjs';

const root = new URL('..', import.meta.url).pathname;
const eslintBin = join(root, 'node_modules/eslint/bin/eslint.js');
/** Each ESLint run is timed this many times, with and without the plugin in turn; the fastest counts. */
const RUNS = Number(process.env.BENCH_ESLINT_RUNS ?? 3);
const TARGET_ADDED_TO_TYPED = 0.25;
const CPU_PROBE = join(root, 'bench/cpuUsage.cjs');

/** Wall and CPU milliseconds of one run of a Node script. */
function run(args, cwd) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--require', CPU_PROBE, ...args], { cwd, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr.slice(-2000)}`);
  const cpuMs = Number(/next-after-lint-bench-cpu-ms (\d+)/.exec(result.stderr)?.[1]);
  return { ms, cpuMs, stdout: result.stdout };
}

/** Runs each command RUNS times, interleaved so that a busy spell hurts all of them alike; keeps each one's fastest run. */
function fastest(commands, cwd) {
  const best = commands.map(() => undefined);
  for (let round = 0; round < RUNS; round++) {
    commands.forEach((args, index) => {
      const timed = run(args, cwd);
      if (!best[index] || timed.ms < best[index].ms) best[index] = { ...best[index], ms: timed.ms, stdout: timed.stdout };
      best[index].cpuMs = Math.min(best[index].cpuMs ?? Infinity, timed.cpuMs);
    });
  }
  return best;
}

/** Writes a flat config into the corpus; the plugin is the built bundle, imported by its path. */
function writeConfig(corpus, name, { typed, plugin }) {
  const file = join(corpus, name);
  const lines = [`import tseslint from 'typescript-eslint';`];
  if (plugin) lines.push(`import nextAfter from ${JSON.stringify(pathToFileURL(join(root, 'dist/eslint.js')).href)};`);
  // The config files themselves sit in the corpus; they are not what is measured.
  lines.push('export default [', `  { ignores: ['eslint*.mjs'] },`);
  if (typed) {
    lines.push(`  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ['**/*.{ts,tsx}'] })),`);
    lines.push(`  { files: ['**/*.{ts,tsx}'], languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },`);
  } else {
    lines.push(`  { files: ['**/*.{ts,tsx}'], languageOptions: { parser: tseslint.parser } },`);
  }
  if (plugin) lines.push('  nextAfter.configs.recommended,');
  lines.push('];\n');
  writeFileSync(file, lines.join('\n'));
  return file;
}

const eslintArgs = (config) => [eslintBin, '--config', config, '--format', 'json', '.'];

const findingsOf = (stdout) => JSON.parse(stdout).reduce((count, result) => count + result.messages.filter((m) => m.ruleId?.startsWith('next-after/')).length, 0);

/**
 * `cli` ({ ms, findings }) may come from the caller: bench/run.mjs times the CLI on the same corpus.
 * Returns `{ pluginOnlyWallMs, cliWallMs, addedToTypedEslint, ... }`.
 */
export function eslintPluginBench(corpus, { cli } = {}) {
  // Before any config file is written into the corpus, so the CLI reads the same files as in bench/run.mjs.
  if (!cli) {
    const [timed] = fastest([[join(root, 'dist/cli.js'), '.', '--format', 'json']], corpus);
    cli = { ms: timed.ms, findings: JSON.parse(timed.stdout).length };
  }
  const [pluginOnly] = fastest([eslintArgs(writeConfig(corpus, 'eslint.plugin-only.config.mjs', { typed: false, plugin: true }))], corpus);
  const [typed, typedWithPlugin] = fastest(
    [eslintArgs(writeConfig(corpus, 'eslint.typed.config.mjs', { typed: true, plugin: false })), eslintArgs(writeConfig(corpus, 'eslint.typed-plugin.config.mjs', { typed: true, plugin: true }))],
    corpus,
  );
  const added = (typedWithPlugin.ms - typed.ms) / typed.ms;
  return {
    pluginOnlyWallMs: Number(pluginOnly.ms.toFixed(0)),
    pluginOnlyFindings: findingsOf(pluginOnly.stdout),
    cliWallMs: Number(cli.ms.toFixed(0)),
    cliFindings: cli.findings,
    typedEslintWallMs: Number(typed.ms.toFixed(0)),
    typedEslintWithPluginWallMs: Number(typedWithPlugin.ms.toFixed(0)),
    addedToTypedEslint: Number(added.toFixed(3)),
    // The same ratio in CPU time of the ESLint process: what the plugin costs, whatever else the machine runs.
    addedToTypedEslintCpu: Number(((typedWithPlugin.cpuMs - typed.cpuMs) / typed.cpuMs).toFixed(3)),
    target: { addedToTypedEslint: TARGET_ADDED_TO_TYPED },
    targetMet: added <= TARGET_ADDED_TO_TYPED,
    runs: RUNS,
    note: "typescript-eslint's recommendedTypeChecked with projectService, with and without nextAfter.configs.recommended; one ESLint process each, no cache; fastest of `runs` interleaved runs",
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!existsSync(join(root, 'dist/eslint.js'))) throw new Error('dist/eslint.js is missing: run `node scripts/build.mjs --production` first');
  const corpus = join(root, '.build', 'bench-corpus');
  writeCorpus(corpus, { files: Number(process.env.BENCH_FILES ?? 2000), seed: 42 });
  console.log(JSON.stringify({ eslintPlugin: eslintPluginBench(corpus) }, null, 2));
}
