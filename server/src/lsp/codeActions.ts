import { CodeActionKind, type CodeAction, type CodeActionParams, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import { fixKeepsSyntax, isAutomaticFix } from '../analysis';
import type { AnalysedDocument } from './analyse';
import { isDiagnosticData } from './diagnostics';
import { toLspEdits } from './edits';
import { FIX_ALL_KIND } from './protocol';

/**
 * Fix-all's output for the document, optionally for one rule only. It runs where the project index
 * is (the analysis worker), since each pass asks other files again.
 */
export type FixAllOutput = (analysed: AnalysedDocument, rule?: string) => Promise<string>;

/**
 * Fix-all's output as one edit of the changed region only (common start and end left alone), so the
 * editor keeps the cursor, folding and markers outside it. Undefined when nothing changes.
 */
async function fixAllEdit(analysed: AnalysedDocument, fixAllOutput: FixAllOutput, rule?: string): Promise<LspTextEdit[] | undefined> {
  const before = analysed.input.text;
  const output = await fixAllOutput(analysed, rule);
  if (output === before) return undefined;
  let start = 0;
  while (start < before.length && start < output.length && before[start] === output[start]) start++;
  let end = 0;
  while (end < before.length - start && end < output.length - start && before[before.length - 1 - end] === output[output.length - 1 - end]) end++;
  // Never split a CRLF pair or a surrogate pair between the kept and the replaced text.
  while (start > 0 && isSecondHalf(before, start)) start--;
  while (end > 0 && isSecondHalf(before, before.length - end)) end--;
  return toLspEdits(analysed.document, [{ start, end: before.length - end, text: output.slice(start, output.length - end) }]);
}

function isSecondHalf(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return (text[index] === '\n' && text[index - 1] === '\r') || (code >= 0xdc00 && code <= 0xdfff);
}

/**
 * One quick-fix per diagnostic that has a fix (the preferred action unless it needs a review, whose
 * title says what to check), "fix all <rule> problems" beside it, and `source.fixAll.nextAfterLint`
 * as one edit, mapped from the findings stored at validation. Fix-all never applies a fix that needs a review.
 */
export async function codeActionsFor(params: CodeActionParams, analysed: AnalysedDocument, fixAllOutput: FixAllOutput): Promise<CodeAction[]> {
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
        ...(isAutomaticFix(finding.fix) ? { isPreferred: true } : {}),
        edit: { changes: { [uri]: toLspEdits(document, finding.fix.edits) } },
      });
      rulesSeen.add(finding.rule);
    }
    for (const rule of rulesSeen) {
      const sameRule = analysed.findings.filter((finding) => finding.rule === rule && isAutomaticFix(finding.fix));
      if (sameRule.length < 2) continue;
      const edits = await fixAllEdit(analysed, fixAllOutput, rule);
      if (edits) actions.push({ title: `Fix all ${rule} problems in this file`, kind: CodeActionKind.QuickFix, edit: { changes: { [uri]: edits } } });
    }
  }
  if (wants(FIX_ALL_KIND) && analysed.findings.some((finding) => isAutomaticFix(finding.fix))) {
    const edits = await fixAllEdit(analysed, fixAllOutput);
    if (edits) actions.push({ title: 'Fix all Next.js after() problems', kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } });
  }
  return actions;
}
