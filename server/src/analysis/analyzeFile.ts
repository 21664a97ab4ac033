import type * as ts from 'typescript';
import { collectFileFacts } from './facts/fileFacts';
import { parseNextVersion } from './nextVersion';
import { looksBinary, parseErrors, parseSource } from './parse';
import { rules as allRules } from './rules';
import type { AnalysisInput, AnalysisResult, Finding, Fix, ReportDescriptor, Rule, Severity } from './types';

/** Parse once, classify once, run every enabled rule; a rule that throws does not stop the others. */
export function analyzeFile(input: AnalysisInput, rules: readonly Rule[] = allRules): AnalysisResult {
  if (looksBinary(input.text)) {
    return { findings: [], syntaxErrors: [], ruleFailures: [], skipped: 'binary content (NUL characters)' };
  }
  const sourceFile = parseSource(input.appRelativePath, input.text);
  const syntaxErrors = parseErrors(sourceFile).map((d) => ({
    message: typeof d.messageText === 'string' ? d.messageText : d.messageText.messageText,
    start: d.start,
    end: d.start + d.length,
  }));
  const facts = collectFileFacts(sourceFile, input.appRelativePath, parseNextVersion(input.nextVersion));
  const settings = input.settings ?? {};
  const findings: Finding[] = [];
  const ruleFailures: AnalysisResult['ruleFailures'] = [];

  for (const rule of rules) {
    const configured = settings.rules?.[rule.meta.id];
    if (configured === 'off') continue;
    const report = (descriptor: ReportDescriptor): void => {
      const { start, end } = rangeOf(descriptor, sourceFile);
      const severity: Severity = configured ?? descriptor.severity ?? rule.meta.defaultSeverity;
      const finding: Finding = { rule: rule.meta.id, severity, message: descriptor.message, start, end };
      const fix = resolveFix(descriptor.fix);
      if (fix) finding.fix = fix;
      findings.push(finding);
    };
    try {
      rule.check({ facts, settings, report });
    } catch (error) {
      ruleFailures.push({ rule: rule.meta.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
  return { findings, syntaxErrors, ruleFailures };
}

function rangeOf(descriptor: ReportDescriptor, sourceFile: ts.SourceFile): { start: number; end: number } {
  if (descriptor.node) return { start: descriptor.node.getStart(sourceFile), end: descriptor.node.getEnd() };
  return { start: descriptor.start ?? 0, end: descriptor.end ?? descriptor.start ?? 0 };
}

/** A fix that fails to build is dropped; the finding itself still stands. */
function resolveFix(fix: ReportDescriptor['fix']): Fix | undefined {
  try {
    return typeof fix === 'function' ? fix() : fix;
  } catch {
    return undefined;
  }
}
