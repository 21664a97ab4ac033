import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  analyzeFile,
  appRelativePath,
  findNextApp,
  fixAll,
  mergeSettings,
  normaliseSettings,
  diskFileSystem,
  ProjectHost,
  type AnalysisInput,
  type EngineSettings,
  type NextApp,
} from '../analysis';
import { parseArgs, USAGE, UsageError, type CliOptions } from './args';
import { formatSarif, formatText, LineMap, toCliFinding, type CliFinding } from './report';
import { listSourceFiles } from './sourceFiles';

export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
}

function readText(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
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
  const apps = new Map<string, NextApp | null>();
  const semantic = options.types ? new ProjectHost(diskFileSystem()) : undefined;
  const reportedSettings = new Set<string>();
  const findings: CliFinding[] = [];

  for (const file of files) {
    const app = findNextApp(file, readText, apps);
    if (!app) continue;
    const { settings: packageSettings, problems: packageProblems } = normaliseSettings(app.packageSettings, `"nextAfterLint" in ${join(app.root, 'package.json')}`);
    for (const problem of packageProblems) {
      if (!reportedSettings.has(problem)) io.stderr(`next-after-lint: ${problem}\n`);
      reportedSettings.add(problem);
    }
    const text = readText(file);
    const shown = file.startsWith(io.cwd) ? file.slice(io.cwd.length + 1) : file;
    if (text === undefined) {
      io.stderr(`next-after-lint: ${shown}: cannot be read; skipped\n`);
      continue;
    }
    const input: AnalysisInput = { text, appRelativePath: appRelativePath(app, file), nextVersion: app.nextVersion, settings: mergeSettings(packageSettings, configSettings) };
    const types = semantic?.typeInfoFor(file, text);
    const result = analyzeFile(types ? { ...input, types } : input);
    if (result.skipped) {
      io.stderr(`next-after-lint: ${shown}: ${result.skipped}; skipped\n`);
      continue;
    }
    const lines = new LineMap(text);
    if (result.syntaxErrors.length > 0) {
      const first = result.syntaxErrors[0]!;
      const at = lines.position(first.start);
      io.stderr(`next-after-lint: ${shown}:${at.line}:${at.column}: could not be parsed (${first.message}); skipped\n`);
      continue;
    }
    for (const failure of result.ruleFailures) io.stderr(`next-after-lint: rule ${failure.rule} failed on ${shown} and was skipped: ${failure.error.split('\n')[0]}\n`);
    let remaining = result.findings;
    let finalText = text;
    if (options.fix && remaining.some((finding) => finding.fix)) {
      const fixed = fixAll(input);
      if (fixed.output !== text) {
        writeFileSync(file, fixed.output);
        io.stderr(`next-after-lint: fixed ${fixed.applied.length} problem${fixed.applied.length === 1 ? '' : 's'} in ${shown}\n`);
        remaining = fixed.remaining;
        finalText = fixed.output;
      }
    }
    const finalLines = finalText === text ? lines : new LineMap(finalText);
    for (const finding of remaining) {
      if (options.quiet && finding.severity !== 'error') continue;
      findings.push(toCliFinding(file, io.cwd, finalLines, finding));
    }
  }

  if (options.format === 'json') io.stdout(`${JSON.stringify(findings, null, 2)}\n`);
  else if (options.format === 'sarif') io.stdout(formatSarif(findings, ownVersion()));
  else io.stdout(formatText(findings, io.isTTY));

  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.filter((finding) => finding.severity === 'warning').length;
  return errors > 0 || (options.maxWarnings !== undefined && warnings > options.maxWarnings) ? 1 : 0;
}
