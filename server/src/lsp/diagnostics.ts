import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_SOURCE, ruleDocUrl, type Finding, type Severity } from '../analysis';
import type { DiagnosticData } from './protocol';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Finding (offsets) -> Diagnostic (0-based line/character of this document version). */
export function toDiagnostic(document: TextDocument, finding: Finding, index: number): Diagnostic {
  const data: DiagnosticData = { rule: finding.rule, version: document.version, index };
  return { ...diagnosticAt({ start: document.positionAt(finding.start), end: document.positionAt(finding.end) }, finding), data };
}

/**
 * A finding as a diagnostic at a range already in lines and characters: also what a file the editor
 * has not opened gets (from a whole-app check), without the data a quick-fix needs.
 */
export function diagnosticAt(range: Range, finding: Pick<Finding, 'rule' | 'severity' | 'message'>): Diagnostic {
  return {
    range,
    severity: SEVERITIES[finding.severity],
    code: finding.rule,
    codeDescription: { href: ruleDocUrl(finding.rule) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
}

export function isDiagnosticData(value: unknown): value is DiagnosticData {
  if (typeof value !== 'object' || value === null) return false;
  const data = value as Record<string, unknown>;
  return typeof data.rule === 'string' && typeof data.version === 'number' && typeof data.index === 'number';
}
