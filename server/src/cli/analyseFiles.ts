import { writeFileSync } from 'node:fs';
import {
  analyzeFile,
  appRelativePath,
  diskFileSystem,
  findNextApp,
  fixAll,
  isAutomaticFix,
  mergeSettings,
  normaliseSettings,
  ProjectHost,
  type AnalysisInput,
  type EngineSettings,
  type NextApp,
} from '../analysis';
import { LineMap, toCliFinding, type CliFinding } from './report';
import { readText } from './readText';

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

/** Analyses (and with --fix, fixes) the job's files one by one, in order. */
export function analyseFiles(job: AnalysisJob): AnalysisOutput {
  const apps = new Map<string, NextApp | null>();
  const semantic = job.types ? new ProjectHost(diskFileSystem()) : undefined;
  const findings: CliFinding[] = [];
  const messages: string[] = [];
  const say = (text: string): number => messages.push(`next-after-lint: ${text}\n`);

  for (const file of job.files) {
    const app = findNextApp(file, readText, apps);
    if (!app) continue;
    const { settings: packageSettings, problems } = normaliseSettings(app.packageSettings, `"nextAfterLint" in ${app.root}/package.json`);
    for (const problem of problems) say(problem);
    const text = readText(file);
    const shown = file.startsWith(job.cwd) ? file.slice(job.cwd.length + 1) : file;
    if (text === undefined) {
      say(`${shown}: cannot be read; skipped`);
      continue;
    }
    const input: AnalysisInput = { text, appRelativePath: appRelativePath(app, file), nextVersion: app.nextVersion, settings: mergeSettings(packageSettings, job.configSettings) };
    const types = semantic?.typeInfoFor(file, text);
    const result = analyzeFile(types ? { ...input, types } : input);
    if (result.skipped) {
      say(`${shown}: ${result.skipped}; skipped`);
      continue;
    }
    const lines = new LineMap(text);
    if (result.syntaxErrors.length > 0) {
      const first = result.syntaxErrors[0]!;
      const at = lines.position(first.start);
      say(`${shown}:${at.line}:${at.column}: could not be parsed (${first.message}); skipped`);
      continue;
    }
    for (const failure of result.ruleFailures) say(`rule ${failure.rule} failed on ${shown} and was skipped: ${failure.error.split('\n')[0]}`);
    let remaining = result.findings;
    let finalLines = lines;
    if (job.fix && remaining.some((finding) => isAutomaticFix(finding.fix))) {
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
  }
  semantic?.dispose();
  // A settings problem is found once per app: say it once.
  return { findings, messages: [...new Set(messages)] };
}
