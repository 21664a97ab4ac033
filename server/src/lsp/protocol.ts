import { NotificationType, RequestType } from 'vscode-languageserver';

/** What client and server both know: the settings section and the test-only notification. */
export const SETTINGS_SECTION = 'nextAfterLint';
export const FIX_ALL_KIND = 'source.fixAll.nextAfterLint';

export interface AnalysedParams {
  uri: string;
  version: number;
  /** Diagnostics published for this version. */
  count: number;
  /** Syntactic diagnostics come first; semantic ones (type-aware) follow. */
  phase: 'syntactic' | 'semantic';
}

/** Sent after each publish when the client asked for `initializationOptions.testMode`: tests wait on it. */
export const AnalysedNotification = new NotificationType<AnalysedParams>('nextAfterLint/analysed');

/** The data a diagnostic carries so a code action finds its stored fix without re-analysing. */
export interface DiagnosticData {
  rule: string;
  version: number;
  index: number;
}

/** An app of the workspace as the status bar shows it. */
export interface AppState {
  /** The app's folder, as a `file:` URI. */
  root: string;
  /** `off`: the extension is disabled for the app's folder. */
  state: 'indexing' | 'ready' | 'off';
  done: number;
  total: number;
  problems: number;
  nextVersion?: string;
}

/** The server's apps and where their analysis stands: the client's status bar item shows the active editor's app. */
export const StatusNotification = new NotificationType<{ apps: AppState[] }>('nextAfterLint/status');

export interface CheckWholeAppResult {
  apps: { root: string; files: number; problems: number }[];
  cancelled: boolean;
}

/** "Check Whole App": analyse every file of the app of `uri` (every app without one) and publish all problems. */
export const CheckWholeAppRequest = new RequestType<{ uri?: string }, CheckWholeAppResult, void>('nextAfterLint/checkWholeApp');
