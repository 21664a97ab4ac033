import { CodeActionKind, type CodeAction, type CodeActionParams, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAll, fixKeepsSyntax, type AnalysisInput, type Finding, type TextEdit } from '../analysis';
import { isDiagnosticData } from './diagnostics';
import { FIX_ALL_KIND } from './protocol';

export interface AnalysedDocument {
  document: TextDocument;
  input: AnalysisInput;
  findings: Finding[];
}

function toLspEdits(document: TextDocument, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((edit) => ({ range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, newText: edit.text }));
}

/** The whole-document replacement fix-all produces, or undefined when nothing changes. */
function wholeDocumentEdit(analysed: AnalysedDocument, accept?: (finding: Finding) => boolean): LspTextEdit[] | undefined {
  const { output } = fixAll(analysed.input, accept);
  if (output === analysed.input.text) return undefined;
  const { document } = analysed;
  return [{ range: { start: document.positionAt(0), end: document.positionAt(analysed.input.text.length) }, newText: output }];
}

/**
 * One preferred quick-fix per diagnostic that has a safe fix, "fix all <rule> problems" beside it,
 * and `source.fixAll.nextAfterLint` as one edit, mapped from the findings stored at validation.
 */
export function codeActionsFor(params: CodeActionParams, analysed: AnalysedDocument): CodeAction[] {
  const { document } = analysed;
  const uri = document.uri;
  const only = params.context.only;
  const wants = (kind: string): boolean => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
  const actions: CodeAction[] = [];

  if (wants(CodeActionKind.QuickFix)) {
    const rulesSeen = new Set<string>();
    for (const diagnostic of params.context.diagnostics) {
      if (!isDiagnosticData(diagnostic.data) || diagnostic.data.version !== document.version) continue;
      const finding = analysed.findings[diagnostic.data.index];
      if (!finding?.fix || finding.rule !== diagnostic.data.rule) continue;
      if (!fixKeepsSyntax(analysed.input.appRelativePath, analysed.input.text, finding.fix)) continue;
      actions.push({
        title: finding.fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [uri]: toLspEdits(document, finding.fix.edits) } },
      });
      rulesSeen.add(finding.rule);
    }
    for (const rule of rulesSeen) {
      const sameRule = analysed.findings.filter((finding) => finding.rule === rule && finding.fix);
      if (sameRule.length < 2) continue;
      const edits = wholeDocumentEdit(analysed, (finding) => finding.rule === rule);
      if (edits) actions.push({ title: `Fix all ${rule} problems in this file`, kind: CodeActionKind.QuickFix, edit: { changes: { [uri]: edits } } });
    }
  }
  if (wants(FIX_ALL_KIND) && analysed.findings.some((finding) => finding.fix)) {
    const edits = wholeDocumentEdit(analysed);
    if (edits) actions.push({ title: 'Fix all Next.js after() problems', kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } });
  }
  return actions;
}
