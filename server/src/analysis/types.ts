import type * as ts from 'typescript';
import type { ServedFunction } from './facts/context';
import type { FileFacts } from './facts/fileFacts';
import type { CrossFileSource } from './project/crossFileFacts';
import type { TypeFacts, TypeInfo } from './semantic/typeFacts';

/** Severities a finding can carry; `off` only exists in settings. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type RuleSetting = Severity | 'off';

/** A replacement of the text between two offsets of the analysed source. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /**
   * Set when the fix cannot prove that it keeps behaviour: one sentence of what to check before
   * applying it. Such a fix is still offered as a quick-fix (its title says what to check), is not
   * the preferred action, and is never applied by fix-all (on save, or the CLI's `--fix`).
   */
  review?: string;
}

/** What the engine returns: offsets, never line/column (each front end converts to its own convention). */
export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  fix?: Fix;
}

export interface SideEffectSettings {
  include?: string[];
  exclude?: string[];
}

/** Settings the engine understands; the LSP layer and the CLI both map their own input onto this. */
export interface EngineSettings {
  rules?: Record<string, RuleSetting | undefined>;
  sideEffects?: SideEffectSettings;
}

export interface AnalysisInput {
  text: string;
  /** Path of the file relative to the Next.js app root, with `/` separators (`app/blog/page.tsx`). */
  appRelativePath: string;
  /** The `next` version spec from the app's package.json (`15.1.0`, `^15.0.0`); undefined = newest. */
  nextVersion?: string;
  settings?: EngineSettings;
  /**
   * The URL paths Vercel calls on a schedule (`crons[].path` of the app's vercel.json, query string
   * dropped): their Route Handlers are background jobs.
   */
  cronPaths?: readonly string[];
  /** The program holding this file, from the semantic layer: rules then also use the type checker. */
  types?: TypeInfo;
  /** The project index, bound to this file: facts from other modules without a type checker. */
  crossFile?: CrossFileSource;
  /**
   * Without the index: what the routes said of this file's functions when it last had it (see
   * `AnalysisResult.served`), so a lone analysis (the editor's first diagnostics, its hover) knows
   * that a tRPC procedure runs in a Route Handler's request.
   */
  served?: readonly ServedFunction[];
  /** The text already parsed (a router summarised during a request-scope walk): used when its text is `text`. */
  parsed?: ts.SourceFile;
  /** Record how long each rule took (the fuzz harness and the benchmark ask for it). */
  measure?: boolean;
}

export interface SyntaxProblem {
  message: string;
  start: number;
  end: number;
}

export interface AnalysisResult {
  findings: Finding[];
  /** Parse errors TypeScript recovered from; rules still ran on the recovered tree. */
  syntaxErrors: SyntaxProblem[];
  /** Rules that threw; the others still ran. */
  ruleFailures: { rule: string; error: string }[];
  /** Set when the input was not analysed at all, with the reason (binary content). */
  skipped?: string;
  /** Milliseconds per rule, when `measure` was set. */
  timings?: Record<string, number>;
  /** What routes said of this file's functions (router handlers that run in their requests), when anything. */
  served?: ServedFunction[];
}

export interface RuleMeta {
  id: string;
  /** One line for the README table and the doc page. */
  description: string;
  defaultSeverity: Severity;
  /** True when the rule offers a fix for at least some findings. */
  fixable: boolean;
  /** Needs the semantic layer to be complete; the syntactic part still runs without it. */
  requiresTypes?: boolean;
}

export interface ReportDescriptor {
  node?: ts.Node;
  start?: number;
  end?: number;
  message: string;
  /** Overrides the default severity before user settings apply (e.g. notifications are info). */
  severity?: Severity;
  fix?: Fix | (() => Fix | undefined);
}

export interface RuleContext {
  facts: FileFacts;
  settings: EngineSettings;
  /** Facts from other files: the project index, the type checker, or both; absent for a lone text. */
  types?: TypeFacts;
  report(descriptor: ReportDescriptor): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}
