import { writeFileSync } from 'node:fs';
import type ts from 'typescript';
import {
  analyzeFile,
  appRelativePath,
  appForFile,
  CachedDiskFileSystem,
  crossFileSource,
  diskFileSystem,
  fixAll,
  isAutomaticFix,
  LineMap,
  mergeSettings,
  normaliseSettings,
  ProjectHost,
  ProjectIndex,
  rules,
  servedScopesOf,
  signatureOf,
  type AnalysisInput,
  type EngineSettings,
  type Finding,
  type NextApp,
  type SummaryStore,
} from '../analysis';
import { contentHash } from './hash';
import { SOURCE_FILE, type EngineJob, type EngineResult, type FileOutcome, type OutcomeFinding } from './protocol';

/**
 * Runs the analysis side of a CLI run in this thread. Several threads may share one job: each takes
 * the next unclaimed file from `claims` (the last slot counts), and when a file needs the summary of
 * another file of the job that nobody has taken yet, it takes that one right then, so each file is
 * read and parsed once. A file another thread holds is only summarised here.
 */
export function runEngineJob(job: EngineJob, claims: Int32Array = new Int32Array(new SharedArrayBuffer(4 * (job.analyse.length + 1)))): EngineResult {
  const result: EngineResult = { outcomes: {}, summaries: {}, projectFiles: {}, messages: [], rules: ruleInfo(), summarisedOnly: 0 };
  const configSettings = readConfig(job, result.messages);
  const fs = new LoggedFileSystem(job.forCache ? result.projectFiles : undefined);
  const apps = new Map<string, NextApp | null>();
  const semantic = job.types ? new ProjectHost(diskFileSystem()) : undefined;
  const slots = new Map(job.analyse.map((file, slot) => [file, slot]));
  const take = (slot: number): boolean => Atomics.compareExchange(claims, slot, 0, 1) === 0;
  const store: SummaryStore | undefined =
    job.knownSummaries || job.forCache
      ? {
          get: (file) => job.knownSummaries?.[file],
          put: (file, text, summary) => {
            if (job.forCache) result.summaries[file] = { hash: contentHash(text), summary };
          },
        }
      : undefined;
  const index: ProjectIndex = new ProjectIndex(fs, {
    store,
    provider: (file, duringWalk) => {
      const slot = slots.get(file);
      if (slot === undefined || !take(slot)) return undefined;
      if (!duringWalk) {
        analyse(file);
        return index.recorded(file)?.summary;
      }
      // A router a request-scope walk reaches: its summary now, its analysis (of the same parse) once the walk is done.
      const early = index.summarizeText(file);
      parked.push({ file, parsed: early?.sourceFile });
      return early?.summary;
    },
  });
  const parked: { file: string; parsed?: ts.SourceFile }[] = [];
  const analyse = (file: string, parsed?: ts.SourceFile): void => {
    const { value: outcome, dependencies } = index.track(() => analyseFile(file, job, { apps, fs, index, semantic, configSettings }, parsed));
    if (job.forCache) {
      dependencies.modules.delete(file);
      outcome.dependencies = [...dependencies.modules];
      if (dependencies.unresolved) outcome.unresolved = true;
      if (dependencies.servedScopes) outcome.servedScopes = dependencies.servedScopes;
    }
    result.outcomes[file] = outcome;
  };

  const last = job.analyse.length;
  const analyseParked = (): void => {
    for (let next = parked.shift(); next; next = parked.shift()) analyse(next.file, next.parsed);
  };
  for (let slot = Atomics.add(claims, last, 1); slot < last; slot = Atomics.add(claims, last, 1)) {
    if (take(slot)) analyse(job.analyse[slot]!);
    analyseParked();
  }
  // Files the cache answered whose functions the routes now say something else of.
  for (const [file, before] of Object.entries(job.recheck ?? {})) {
    const found = appForFile(index, file, apps);
    if ((found ? signatureOf(servedScopesOf(index, file, found.appRoots)) : '') !== before) analyse(file);
    analyseParked();
  }
  semantic?.dispose();
  result.summarisedOnly = index.parsedForSummary;
  return result;
}

interface RunState {
  apps: Map<string, NextApp | null>;
  fs: LoggedFileSystem;
  index: ProjectIndex;
  semantic?: ProjectHost;
  configSettings: EngineSettings;
}

function analyseFile(file: string, job: EngineJob, { apps, fs, index, semantic, configSettings }: RunState, parsed?: ts.SourceFile): FileOutcome {
  const outcome: FileOutcome = { findings: [], messages: [] };
  const say = (text: string): number => outcome.messages.push(`next-after-lint: ${text}\n`);
  const shown = file.startsWith(job.cwd) ? file.slice(job.cwd.length + 1) : file;
  const text = fs.readFile(file);
  if (job.forCache && text !== undefined) outcome.hash = contentHash(text);
  // A file of a package without `next` (a tRPC router in packages/api) is analysed for the app whose routes run it.
  const found = appForFile(index, file, apps);
  if (!found) return outcome;
  const { app, appRoots } = found;
  const { settings: packageSettings, problems } = normaliseSettings(app.packageSettings, `"nextAfterLint" in ${app.root}/package.json`);
  for (const problem of problems) say(problem);
  if (text === undefined) {
    say(`${shown}: cannot be read${fs.isTooLarge(file) ? ' (larger than 5 MB)' : ''}; skipped`);
    return outcome;
  }
  const input: AnalysisInput = {
    text,
    appRelativePath: appRelativePath(app, file),
    nextVersion: app.nextVersion,
    cronPaths: app.cronPaths,
    settings: mergeSettings(packageSettings, configSettings),
    crossFile: crossFileSource(index, file, appRoots),
    ...(parsed ? { parsed } : {}),
  };
  const types = semantic?.typeInfoFor(file, text);
  const analysed = analyzeFile(types ? { ...input, types } : input);
  if (analysed.skipped) {
    say(`${shown}: ${analysed.skipped}; skipped`);
    return outcome;
  }
  let lines = new LineMap(text);
  if (analysed.syntaxErrors.length > 0) {
    const first = analysed.syntaxErrors[0]!;
    const at = lines.position(first.start);
    say(`${shown}:${at.line}:${at.column}: could not be parsed (${first.message}); skipped`);
    return outcome;
  }
  for (const failure of analysed.ruleFailures) say(`rule ${failure.rule} failed on ${shown} and was skipped: ${failure.error.split('\n')[0]}`);
  let remaining = analysed.findings;
  if (job.fix && remaining.some((finding) => isAutomaticFix(finding.fix))) {
    const fixed = fixAll(input);
    if (fixed.output !== text) {
      writeFileSync(file, fixed.output);
      outcome.fixed = fixed.applied.length;
      remaining = fixed.remaining;
      lines = new LineMap(fixed.output);
      if (job.forCache) outcome.hash = contentHash(fixed.output);
    }
  }
  outcome.findings = remaining.map((finding) => toOutcomeFinding(lines, finding));
  return outcome;
}

function toOutcomeFinding(lines: LineMap, finding: Finding): OutcomeFinding {
  const start = lines.position(finding.start);
  const end = lines.position(finding.end);
  return {
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    rule: finding.rule,
    // The contract knows three levels; a rule a user set to `hint` prints as info.
    severity: finding.severity === 'hint' ? 'info' : finding.severity,
    message: finding.message,
    // What --fix would apply: a fix that needs a review is offered in the editor only.
    fixable: isAutomaticFix(finding.fix),
  };
}

function readConfig(job: EngineJob, messages: string[]): EngineSettings {
  if (!job.config) return {};
  const { settings, problems } = normaliseSettings(job.config.raw, job.config.origin);
  for (const problem of problems) messages.push(`next-after-lint: ${problem}\n`);
  return settings;
}

function ruleInfo(): EngineResult['rules'] {
  return Object.fromEntries(rules.map((rule) => [rule.meta.id, { description: rule.meta.description, defaultSeverity: rule.meta.defaultSeverity }]));
}

/** The disk, with a log of the project files read (for the cache's fingerprint) and of what was too large. */
class LoggedFileSystem extends CachedDiskFileSystem {
  constructor(private readonly log: Record<string, string | null> | undefined) {
    super();
  }

  override readFile(filePath: string): string | undefined {
    const text = super.readFile(filePath);
    if (this.log && !SOURCE_FILE.test(filePath) && !(filePath in this.log)) this.log[filePath] = text === undefined ? null : contentHash(text);
    return text;
  }

  isTooLarge(filePath: string): boolean {
    return this.fileExists(filePath) && super.readFile(filePath) === undefined;
  }
}

