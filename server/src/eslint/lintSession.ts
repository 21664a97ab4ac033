import * as path from 'node:path';
import {
  analyzeFile,
  appRelativePath,
  crossFileSource,
  appForFile,
  mergeSettings,
  normaliseSettings,
  ProjectIndex,
  type EngineSettings,
  type Finding,
  type NextApp,
  type Rule,
} from '../analysis';
import { StampedDiskFileSystem } from './stampedFileSystem';

/** One text ESLint lints, as its rule context describes it. */
export interface LintedText {
  /** `context.filename`: absolute from the ESLint class, maybe relative from a bare Linter, `<input>` without one. */
  filename: string;
  cwd: string;
  text: string;
  /** `settings.nextAfterLint` of the ESLint config, unvalidated. */
  settings: unknown;
}

export interface LintSessionOptions {
  /** Milliseconds; tests pass their own clock instead of waiting. */
  clock?: () => number;
  /** Where problems with settings and rule failures go, each distinct one once. */
  warn?: (message: string) => void;
}

/** How stale the disk may be: at most once this often, every file and folder read is stat'ed again. */
const RECHECK_MS = 1000;

/** Edits to these change only their own module's summary; anything else (package.json, tsconfig, a folder) may change resolution. */
const SOURCE_FILE = /\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/;

/**
 * What one ESLint process keeps between files: the project index (built once, reused by every file
 * and every rule), the Next.js apps found so far and the disk behind both. ESLint may live long (an
 * editor's ESLint server): before a file is analysed, and at most once a second, what was read is
 * checked against the disk, and what changed is dropped.
 */
export class LintSession {
  private disk = new StampedDiskFileSystem();
  private index = new ProjectIndex(this.disk);
  private readonly apps = new Map<string, NextApp | null>();
  private checkedAt: number;
  private readonly clock: () => number;
  private readonly warned = new Set<string>();
  private readonly warnSink: (message: string) => void;

  constructor(options: LintSessionOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.checkedAt = this.clock();
    this.warnSink = options.warn ?? ((message) => process.stderr.write(`next-after-lint: ${message}\n`));
  }

  /** The findings of `rules` on one text; none for a file outside any Next.js app (as in the CLI). */
  findings(linted: LintedText, rules: readonly Rule[]): readonly Finding[] {
    // The Linter API without a file name says `<input>` (some integrations `<text>`): no place in any app.
    if (linted.filename.startsWith('<')) return [];
    const fileName = path.resolve(linted.cwd, linted.filename);
    this.dropWhatChanged();
    const found = appForFile(this.index, fileName, this.apps);
    if (!found) return [];
    const { app, appRoots } = found;
    const result = analyzeFile(
      {
        text: linted.text,
        appRelativePath: appRelativePath(app, fileName),
        nextVersion: app.nextVersion,
        cronPaths: app.cronPaths,
        // As in the CLI, the linter's own settings win over the app's package.json key.
        settings: mergeSettings(
          this.sideEffectSettings(app.packageSettings, `"nextAfterLint" in ${app.root}/package.json`, { flagRules: false }),
          this.sideEffectSettings(linted.settings, 'settings.nextAfterLint', { flagRules: true }),
        ),
        crossFile: crossFileSource(this.index, fileName, appRoots),
      },
      rules,
    );
    for (const failure of result.ruleFailures) {
      this.warn(`rule ${failure.rule} failed on ${path.relative(linted.cwd, fileName)} and was skipped: ${failure.error.split('\n')[0]}`);
    }
    return result.findings;
  }

  /**
   * Severities come from the ESLint config, so only `sideEffects` is taken. `rules` given in the
   * ESLint settings is named as ignored; in package.json it is the editor's and the CLI's, not ours to flag.
   */
  private sideEffectSettings(raw: unknown, origin: string, { flagRules }: { flagRules: boolean }): EngineSettings {
    const { settings, problems } = normaliseSettings(raw, origin);
    for (const problem of problems) this.warn(problem);
    if (settings.rules && flagRules) this.warn(`${origin}.rules is not used by ESLint; set severities in the "rules" of your ESLint config (next-after/<rule-id>).`);
    return settings.sideEffects ? { sideEffects: settings.sideEffects } : {};
  }

  private warn(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.warnSink(message);
  }

  private dropWhatChanged(): void {
    const now = this.clock();
    if (now - this.checkedAt < RECHECK_MS) return;
    this.checkedAt = now;
    const { files, folders } = this.disk.changes();
    if (folders.length > 0 || files.some((file) => !SOURCE_FILE.test(file))) {
      // Files came or went, or a manifest or tsconfig changed: apps and resolution start over.
      this.disk = new StampedDiskFileSystem();
      this.index = new ProjectIndex(this.disk);
      this.apps.clear();
      return;
    }
    for (const file of files) this.index.forget(file);
  }
}
