import type { AnalysisInput, AnalysisResult, EngineSettings, Finding } from '../../analysis';

/**
 * Messages between the protocol thread and the analysis worker. Plain data only: the worker holds
 * the project index, the whole-app results and (with `typeAware: full`) the TypeScript programs.
 */

/** What an analysis needs besides the file: the document's input without its text and index. */
export type DocumentInput = Omit<AnalysisInput, 'text' | 'crossFile' | 'types' | 'measure'>;

export type TypeAware = 'index' | 'full';

/** The editor's settings for an app (resource-scoped to the app's folder). */
export interface AppSettings {
  enable: boolean;
  engine: EngineSettings;
  typeAware: TypeAware;
}

/** A finding positioned for a document the protocol thread has not opened (0-based, as LSP counts). */
export interface PlacedFinding {
  rule: string;
  severity: Finding['severity'];
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export interface AppInfo {
  root: string;
  nextVersion?: string;
  nextVersionSource?: string;
}

/** Where an app's whole-app analysis stands. */
export interface AppStatus {
  root: string;
  state: 'indexing' | 'ready';
  done: number;
  total: number;
  /** Findings in the app's files (open documents counted as last analysed). */
  problems: number;
  nextVersion?: string;
}

export type ToWorker =
  | { kind: 'configure'; folders: string[]; ownFolders: string[] }
  | { kind: 'analyse'; id: number; file: string; version: number; text: string; input: DocumentInput; typeAware: TypeAware }
  | { kind: 'fixAll'; id: number; file: string; text: string; input: DocumentInput; rule?: string }
  | { kind: 'close'; file: string }
  /** For a file outside every app: the app whose routes run its functions (a router in a package without `next`), if any. */
  | { kind: 'servingApp'; id: number; file: string }
  | { kind: 'filesChanged'; id: number; changes: { file: string; type: 'created' | 'changed' | 'deleted' }[] }
  | { kind: 'discover'; id: number }
  /** Analyse every file of these apps; `publish` streams each file's findings to the protocol thread. */
  | { kind: 'check'; id: number; apps: { root: string; settings: AppSettings; publish: boolean }[] }
  | { kind: 'cancel'; id: number }
  | { kind: 'dispose' };

export type FromWorker =
  | { kind: 'reply'; id: number; result?: unknown; error?: string }
  /** The findings of a file that is not open, from a whole-app check (empty: none; null: the file went away). */
  | { kind: 'fileFindings'; check: number; file: string; findings: PlacedFinding[] | null }
  | { kind: 'status'; status: AppStatus }
  /** Open documents whose cross-file facts changed (a module they read changed): analyse them again. */
  | { kind: 'revalidate'; files: string[] }
  | { kind: 'log'; level: 'error' | 'warn' | 'info'; message: string };

export interface AnalyseResult {
  findings: Finding[];
  ruleFailures: { rule: string; error: string }[];
  /** What the routes said of the file's functions: the protocol thread's own analyses and hovers use it. */
  served?: AnalysisResult['served'];
}

export interface CheckResult {
  /** Per app: files analysed and problems found; `cancelled` when a newer check or a cancel ended it. */
  apps: { root: string; files: number; problems: number }[];
  cancelled: boolean;
}
