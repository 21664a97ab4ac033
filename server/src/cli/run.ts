import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs, USAGE, UsageError, type CliOptions } from './args';
import { mergeResults, planThreads, runEngine } from './engineRunner';
import { contentHash } from './hash';
import type { EngineJob, EngineResult, FileOutcome } from './protocol';
import { readText } from './readText';
import { formatSarif, formatText, toCliFinding, type CliFinding } from './report';
import { RunCache } from './runCache';
import { listSourceFiles } from '../analysis/project/sourceFiles';

export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  /** Print what the run did (files analysed, reused from the cache, threads) as JSON on stderr. */
  stats?: boolean;
}

/** Set by the build: a hash of the engine's sources, so a cache never outlives the code that wrote it. */
declare const NEXT_AFTER_LINT_BUILD: string;
const BUILD = typeof NEXT_AFTER_LINT_BUILD === 'string' ? NEXT_AFTER_LINT_BUILD : 'development';

function ownVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The `--config` file as JSON: `{ rules, sideEffects }` or `{ nextAfterLint: { ... } }` (the engine checks its values). */
function loadConfig(options: CliOptions, io: CliIo): EngineJob['config'] {
  if (!options.config) return undefined;
  const path = resolve(io.cwd, options.config);
  const text = readText(path);
  if (text === undefined) throw new UsageError(`--config ${options.config}: cannot be read`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--config ${options.config}: not valid JSON (${(error as Error).message})`);
  }
  const section = typeof raw === 'object' && raw !== null && 'nextAfterLint' in raw ? (raw as { nextAfterLint: unknown }).nextAfterLint : raw;
  return { raw: section, origin: options.config };
}

/**
 * Runs the command line; resolves to the exit code. This front never loads the engine (nor
 * TypeScript) itself unless it analyses in its own thread: a run that the cache answers whole reads
 * file sizes and times, and prints.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let options: CliOptions;
  let config: EngineJob['config'];
  try {
    options = parseArgs(argv);
    if (options.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (options.version) {
      io.stdout(`${ownVersion()}\n`);
      return 0;
    }
    config = loadConfig(options, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`next-after-lint: ${error.message}\nRun next-after-lint --help for usage.\n`);
      return 2;
    }
    throw error;
  }

  const { files, problems } = listSourceFiles(options.paths, io.cwd);
  for (const problem of problems) io.stderr(`next-after-lint: ${problem}\n`);
  if (options.cache && options.types) io.stderr('next-after-lint: --cache is not used with --types (the type checker reads the whole program each run)\n');
  const cache =
    options.cache && !options.types ? new RunCache(resolve(io.cwd, options.cache), BUILD, contentHash(JSON.stringify([BUILD, io.cwd, config ?? null]))) : undefined;
  const plan = cache?.plan(files, options.fix) ?? { analyse: files, reuse: {}, knownSummaries: undefined };
  // Route files first: the routers they serve are found from their summaries, which then come from the one parse of each.
  plan.analyse = [...plan.analyse.filter(isRouteFileName), ...plan.analyse.filter((file) => !isRouteFileName(file))];
  let result: EngineResult | undefined;
  const threads = planThreads(options.concurrency, plan.analyse.length, options.types);
  if (plan.analyse.length > 0 || !cache) {
    const job: EngineJob = { cwd: io.cwd, analyse: plan.analyse, fix: options.fix, types: options.types, config, knownSummaries: plan.knownSummaries, forCache: cache !== undefined };
    result = await runEngine(job, threads);
    const reused = Object.keys(plan.reuse);
    if (cache && reused.length > 0) {
      // Something changed: do the routes still say the same of the files the cache answered? (No parse: the summaries are known.)
      const known = { ...plan.knownSummaries, ...Object.fromEntries(Object.entries(result.summaries).map(([file, { summary }]) => [file, summary])) };
      const rechecked = await runEngine({ ...job, analyse: [], knownSummaries: known, recheck: cache.servedScopesOf(reused) }, { threads: 1, inWorkers: false });
      result = mergeResults([result, rechecked]);
    }
  }
  cache?.save(result);

  const outcomes: Record<string, FileOutcome> = { ...plan.reuse, ...result?.outcomes };
  const findings: CliFinding[] = [];
  const messages = new Set(result?.messages ?? cache?.messages ?? []);
  for (const file of files) {
    const outcome = outcomes[file];
    if (!outcome) continue;
    for (const message of outcome.messages) messages.add(message);
    if (outcome.fixed) messages.add(`next-after-lint: fixed ${outcome.fixed} problem${outcome.fixed === 1 ? '' : 's'} in ${file.startsWith(io.cwd) ? file.slice(io.cwd.length + 1) : file}\n`);
    for (const finding of outcome.findings) if (!options.quiet || finding.severity === 'error') findings.push(toCliFinding(file, io.cwd, finding));
  }
  // A settings problem is found once per app: say it once.
  for (const message of messages) io.stderr(message);

  if (options.format === 'json') io.stdout(`${JSON.stringify(findings, null, 2)}\n`);
  else if (options.format === 'sarif') io.stdout(formatSarif(findings, ownVersion(), result?.rules ?? cache?.rules ?? {}));
  else io.stdout(formatText(findings, io.isTTY));

  if (io.stats) {
    // For tests and the benchmark: what the run did, one JSON line on stderr.
    const analysed = Object.keys(result?.outcomes ?? {}).sort();
    io.stderr(`${JSON.stringify({ files: files.length, analysed: analysed.length, reused: Object.keys(plan.reuse).length, summarisedOnly: result?.summarisedOnly ?? 0, threads: result ? threads.threads : 0, workers: result !== undefined && threads.inWorkers, analysedFiles: analysed.map((file) => relative(io.cwd, file)) })}\n`);
  }
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.filter((finding) => finding.severity === 'warning').length;
  return errors > 0 || (options.maxWarnings !== undefined && warnings > options.maxWarnings) ? 1 : 0;
}

function isRouteFileName(file: string): boolean {
  return /[\\/]route\.(ts|tsx|js|jsx)$/.test(file);
}
