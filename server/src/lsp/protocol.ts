import { NotificationType } from 'vscode-languageserver';

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
