// The `monorepo` part of `npm run bench`: the default CLI (project index, threads) against reading
// and parsing every file once, on a seeded pnpm monorepo; the cache warm against cold; --types for reference.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeMonorepoCorpus } from './monorepoCorpus.mjs';

const root = new URL('..', import.meta.url).pathname;
/** Where the corpus is written (inside the repository's build folder, never committed). */
export const MONOREPO_CORPUS = join(root, '.build', 'bench-monorepo');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** Wall time and peak RSS of `node <script> args` (the median of RUNS runs; RSS of the same run). */
function measure(script, args, { cwd = root, runs = RUNS, before } = {}) {
  const samples = [];
  for (let run = 0; run < runs; run++) {
    before?.();
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [join(root, 'bench/peakRss.cjs'), script, ...args], { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0 && result.status !== 1) throw new Error(`${script} ${args.join(' ')} exited ${result.status}: ${result.stderr.slice(-2000)}`);
    const rssKb = Number(/PEAK_RSS_KB=(\d+)/.exec(result.stderr)?.[1] ?? NaN);
    samples.push({ ms, rssMb: rssKb / 1024, stdout: result.stdout, stderr: result.stderr });
  }
  samples.sort((a, b) => a.ms - b.ms);
  return samples[Math.floor(samples.length / 2)];
}

export function benchMonorepo({ files = 3200, seed = 7 } = {}) {
  const corpus = MONOREPO_CORPUS;
  const fileCount = writeMonorepoCorpus(corpus, { files, seed });
  const cli = join(root, 'dist/cli.js');
  const parseOnly = measure(join(root, 'bench/parseOnly.cjs'), [corpus]);
  const cold = measure(cli, ['--format', 'json', corpus]);
  const findings = JSON.parse(cold.stdout).length;
  const cacheFile = join(root, '.build', 'bench-monorepo.cache');
  const cacheCold = measure(cli, ['--format', 'json', `--cache-location=${cacheFile}`, corpus], { before: () => rmSync(cacheFile, { force: true }) });
  const cacheWarm = measure(cli, ['--format', 'json', `--cache-location=${cacheFile}`, corpus]);
  if (cacheWarm.stdout !== cold.stdout) throw new Error('the warm cached run printed something else than the cold run');
  const types = measure(cli, ['--format', 'json', '--types', corpus], { runs: 1 });
  const ratio = (a, b) => Number((a / b).toFixed(2));
  const result = {
    files: fileCount,
    seed,
    findings,
    parseOnlyWallMs: Math.round(parseOnly.ms),
    cliWallMs: Math.round(cold.ms),
    cliOverParseOnly: ratio(cold.ms, parseOnly.ms),
    cacheColdWallMs: Math.round(cacheCold.ms),
    cacheWarmWallMs: Math.round(cacheWarm.ms),
    cacheWarmOverCold: ratio(cacheWarm.ms, cacheCold.ms),
    parseOnlyPeakRssMb: Math.round(parseOnly.rssMb),
    cliPeakRssMb: Math.round(cold.rssMb),
    cliRssOverParseOnly: ratio(cold.rssMb, parseOnly.rssMb),
    typesWallMs: Math.round(types.ms),
    typesPeakRssMb: Math.round(types.rssMb),
    runs: RUNS,
    note: 'median of the runs; parse-only reads and parses every file once in one thread; the CLI runs its default (project index, one thread per core for 300+ files)',
  };
  result.targets = { cliOverParseOnly: 1.3, cacheWarmOverCold: 0.2, cliRssOverParseOnly: 1.5 };
  result.targetsMet = {
    cliOverParseOnly: result.cliOverParseOnly <= 1.3,
    cacheWarmOverCold: result.cacheWarmOverCold <= 0.2,
    cliRssOverParseOnly: result.cliRssOverParseOnly <= 1.5,
  };
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(benchMonorepo(), null, 2));
