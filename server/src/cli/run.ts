import { readFileSync } from 'node:fs';
import { readText } from './readText';
import { join, resolve } from 'node:path';
import { normaliseSettings, type EngineSettings } from '../analysis';
import { analyseFiles, type AnalysisJob } from './analyseFiles';
import { parseArgs, USAGE, UsageError, type CliOptions } from './args';
import { formatSarif, formatText } from './report';
import { listSourceFiles } from './sourceFiles';

export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
}

function ownVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The `--config` file: `{ rules, sideEffects }` or `{ nextAfterLint: { ... } }`. */
function loadConfig(options: CliOptions, io: CliIo): EngineSettings {
  if (!options.config) return {};
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
  const { settings, problems } = normaliseSettings(section, options.config);
  for (const problem of problems) io.stderr(`next-after-lint: ${problem}\n`);
  return settings;
}

/** Runs the command line; returns the exit code. Never throws for bad input. */
export function runCli(argv: readonly string[], io: CliIo): number {
  let options: CliOptions;
  let configSettings: EngineSettings;
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
    configSettings = loadConfig(options, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`next-after-lint: ${error.message}\nRun next-after-lint --help for usage.\n`);
      return 2;
    }
    throw error;
  }

  const { files, problems } = listSourceFiles(options.paths, io.cwd);
  for (const problem of problems) io.stderr(`next-after-lint: ${problem}\n`);
  const job: AnalysisJob = { files, cwd: io.cwd, fix: options.fix, quiet: options.quiet, types: options.types, configSettings };
  const { findings, messages } = analyseFiles(job);
  for (const message of messages) io.stderr(message);

  if (options.format === 'json') io.stdout(`${JSON.stringify(findings, null, 2)}\n`);
  else if (options.format === 'sarif') io.stdout(formatSarif(findings, ownVersion()));
  else io.stdout(formatText(findings, io.isTTY));

  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.filter((finding) => finding.severity === 'warning').length;
  return errors > 0 || (options.maxWarnings !== undefined && warnings > options.maxWarnings) ? 1 : 0;
}
