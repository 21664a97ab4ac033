import { writeFileSync } from 'node:fs';
import {
  analyzeFile,
  appRelativePath,
  CachedDiskFileSystem,
  crossFileSource,
  diskFileSystem,
  findNextApp,
  fixAll,
  mergeSettings,
  normaliseSettings,
  ProjectHost,
  ProjectIndex,
  type AnalysisInput,
  type EngineSettings,
  type NextApp,
} from '../analysis';
import { LineMap, toCliFinding, type CliFinding } from './report';

/** What a run analyses. */
export interface AnalysisJob {
  files: string[];
  cwd: string;
  fix: boolean;
  quiet: boolean;
  types: boolean;
  configSettings: EngineSettings;
}

export interface AnalysisOutput {
  findings: CliFinding[];
  /** Lines for stderr, in file order. */
  messages: string[];
}

/** What one file gave: its findings (already in the contract's shape) and its stderr lines. */
interface FileOutcome {
  findings: CliFinding[];
  messages: string[];
}

/**
 * Analyses (and with --fix, fixes) the job's files. One project index serves them all: when a file
 * needs the summary of another file of the job, that file is analysed right then, so every file is
 * read and parsed once; files outside the job (workspace packages, .d.ts) are only summarised.
 */
export function analyseFiles(job: AnalysisJob): AnalysisOutput {
  const apps = new Map<string, NextApp | null>();
  const fs = new CachedDiskFileSystem();
  const semantic = job.types ? new ProjectHost(diskFileSystem()) : undefined;
  const pending = new Set(job.files);
  const outcomes = new Map<string, FileOutcome>();
  const index: ProjectIndex = new ProjectIndex(fs, {
    provider: (file) => {
      if (!pending.has(file)) return undefined;
      analyseOne(file);
      return index.recorded(file)?.summary;
    },
  });

  const analyseOne = (file: string): void => {
    pending.delete(file);
    outcomes.set(file, analyseFile(file, job, { apps, fs, index, semantic }));
  };
  for (const file of job.files) if (pending.has(file)) analyseOne(file);
  semantic?.dispose();

  const findings: CliFinding[] = [];
  const messages: string[] = [];
  for (const file of job.files) {
    const outcome = outcomes.get(file);
    if (!outcome) continue;
    findings.push(...outcome.findings);
    messages.push(...outcome.messages);
  }
  // A settings problem is found once per app: say it once.
  return { findings, messages: [...new Set(messages)] };
}

interface RunState {
  apps: Map<string, NextApp | null>;
  fs: CachedDiskFileSystem;
  index: ProjectIndex;
  semantic?: ProjectHost;
}

function analyseFile(file: string, job: AnalysisJob, { apps, fs, index, semantic }: RunState): FileOutcome {
  const findings: CliFinding[] = [];
  const messages: string[] = [];
  const say = (text: string): number => messages.push(`next-after-lint: ${text}\n`);
  const app = findNextApp(file, (path) => fs.readFile(path), apps);
  if (!app) return { findings, messages };
  const { settings: packageSettings, problems } = normaliseSettings(app.packageSettings, `"nextAfterLint" in ${app.root}/package.json`);
  for (const problem of problems) say(problem);
  const text = fs.readFile(file);
  const shown = file.startsWith(job.cwd) ? file.slice(job.cwd.length + 1) : file;
  if (text === undefined) {
    say(`${shown}: cannot be read; skipped`);
    return { findings, messages };
  }
  const input: AnalysisInput = {
    text,
    appRelativePath: appRelativePath(app, file),
    nextVersion: app.nextVersion,
    settings: mergeSettings(packageSettings, job.configSettings),
    crossFile: crossFileSource(index, file),
  };
  const types = semantic?.typeInfoFor(file, text);
  const result = analyzeFile(types ? { ...input, types } : input);
  if (result.skipped) {
    say(`${shown}: ${result.skipped}; skipped`);
    return { findings, messages };
  }
  const lines = new LineMap(text);
  if (result.syntaxErrors.length > 0) {
    const first = result.syntaxErrors[0]!;
    const at = lines.position(first.start);
    say(`${shown}:${at.line}:${at.column}: could not be parsed (${first.message}); skipped`);
    return { findings, messages };
  }
  for (const failure of result.ruleFailures) say(`rule ${failure.rule} failed on ${shown} and was skipped: ${failure.error.split('\n')[0]}`);
  let remaining = result.findings;
  let finalLines = lines;
  if (job.fix && remaining.some((finding) => finding.fix)) {
    const fixed = fixAll(input);
    if (fixed.output !== text) {
      writeFileSync(file, fixed.output);
      say(`fixed ${fixed.applied.length} problem${fixed.applied.length === 1 ? '' : 's'} in ${shown}`);
      remaining = fixed.remaining;
      finalLines = new LineMap(fixed.output);
    }
  }
  for (const finding of remaining) {
    if (job.quiet && finding.severity !== 'error') continue;
    findings.push(toCliFinding(file, job.cwd, finalLines, finding));
  }
  return { findings, messages };
}
