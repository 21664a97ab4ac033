import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeFile, looksBinary, type AnalysisInput, type Finding, type Rule } from '../analysis';
import type { ServerLog } from './log';
import { layeredSettings, type DocumentProject } from './project';
import type { ServerSettings } from './settings';

/**
 * Documents longer than this are not analysed (a generated bundle opened by mistake). Anything
 * shorter is: a 5 MB hand-written file still takes well under a second to parse.
 */
export const MAX_DOCUMENT_CHARS = 5 * 1024 * 1024;

/** One analysed document version: the findings its diagnostics and code actions come from. */
export interface AnalysedDocument {
  document: TextDocument;
  input: AnalysisInput;
  findings: Finding[];
}

/**
 * Runs the engine on a document version. Undefined when the document is not analysed: outside
 * any Next.js app, disabled, too long or binary (the last two say so in the output, once).
 */
export function analyseDocument(
  document: TextDocument,
  settings: ServerSettings,
  project: DocumentProject | undefined,
  rules: readonly Rule[],
  log: ServerLog,
  served?: AnalysisInput['served'],
): AnalysedDocument | undefined {
  if (!project || !settings.enable) return undefined;
  const text = document.getText();
  if (text.length > MAX_DOCUMENT_CHARS) {
    log.once(`large:${document.uri}`, `next-after-lint: ${project.filePath} has ${text.length} characters, more than ${MAX_DOCUMENT_CHARS}; not analysed.`, 'warn');
    return undefined;
  }
  if (looksBinary(text)) {
    log.once(`binary:${document.uri}`, `next-after-lint: ${project.filePath} looks binary (NUL characters); not analysed.`, 'warn');
    return undefined;
  }
  for (const problem of project.packageProblems) log.once(`settings:${problem}`, problem, 'warn');
  const input: AnalysisInput = { text, appRelativePath: project.appRelativePath, nextVersion: project.nextVersion, cronPaths: project.cronPaths, settings: layeredSettings(project, settings.engine) };
  if (served) input.served = served;
  const result = analyzeFile(input, rules);
  for (const failure of result.ruleFailures) {
    log.once(`rule:${failure.rule}`, `next-after-lint: rule ${failure.rule} failed and was skipped; the other rules still ran.\n${failure.error}`);
  }
  return { document, input, findings: result.findings };
}

export function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  return (
    a.length === b.length &&
    a.every((finding, index) => {
      const other = b[index]!;
      return finding.rule === other.rule && finding.start === other.start && finding.end === other.end && finding.message === other.message && finding.severity === other.severity;
    })
  );
}
