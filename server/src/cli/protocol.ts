import type { ModuleSummary } from '../analysis/project/summary';

/**
 * What the command line's light front hands the engine (in this thread or in workers) and what
 * comes back. Plain data: it crosses worker boundaries and sits in the `--cache` file.
 */
export interface EngineJob {
  cwd: string;
  /** The files to analyse now, absolute, in the run's order. */
  analyse: string[];
  fix: boolean;
  types: boolean;
  /** The `--config` section as read (JSON), normalised by the engine, which knows the rules. */
  config?: { raw: unknown; origin: string };
  /** Summaries of files the cache knows to be unchanged: they need not be read or parsed again. */
  knownSummaries?: Record<string, ModuleSummary>;
  /** Return what the `--cache` file keeps: content hashes, summaries, dependencies, project files read. */
  forCache: boolean;
  /**
   * Files the cache answered, with what the routes said of their functions then (see
   * `FileOutcome.servedScopes`): each whose answer differs now is analysed again in this job.
   */
  recheck?: Record<string, string>;
}

/** A finding as the contract prints it, minus the file (which the front makes relative to the cwd). */
export interface OutcomeFinding {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  fixable: boolean;
}

/** What one file gave. */
export interface FileOutcome {
  findings: OutcomeFinding[];
  /** Lines for stderr about this file (read failures, parse errors): they hold as long as its text does. */
  messages: string[];
  /** How many problems `--fix` fixed in this run (said on stderr, never cached). */
  fixed?: number;
  /** With `forCache`: the hash of the text the findings belong to (after --fix: the fixed text). */
  hash?: string;
  /** With `forCache`: the other modules whose summaries the analysis consulted. */
  dependencies?: string[];
  /** With `forCache`: a project import did not resolve (a file added later may change the answer). */
  unresolved?: boolean;
  /**
   * With `forCache`: what the routes said of this file's functions (request scopes behind routers).
   * Routes are not dependencies of every file; a later run that changed files compares this instead.
   */
  servedScopes?: string;
}

export interface RuleInfo {
  description: string;
  defaultSeverity: string;
}

export interface EngineResult {
  outcomes: Record<string, FileOutcome>;
  /** With `forCache`: summaries computed in this run, by file, with the hash of the text they describe. */
  summaries: Record<string, { hash: string; summary: ModuleSummary }>;
  /** With `forCache`: project files read (package.json, tsconfig, pnpm-workspace.yaml...), `null` where missing. */
  projectFiles: Record<string, string | null>;
  /** Messages not about one file (settings problems). */
  messages: string[];
  /** Every rule's description and default severity (SARIF lists them). */
  rules: Record<string, RuleInfo>;
  /** Modules parsed only for their summary (another thread held them, or they are outside the run). */
  summarisedOnly: number;
}

/** The worker's `workerData`. */
export interface WorkerInput {
  job: EngineJob;
  /** Claims on `job.analyse` (1 = taken) and, in the last slot, the next index to take. */
  claims: SharedArrayBuffer;
}

/** Whether a path names source the engine reads (everything else it reads is a project file). */
export const SOURCE_FILE = /\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/;
