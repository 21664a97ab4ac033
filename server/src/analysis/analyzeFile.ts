import type * as ts from 'typescript';
import { fixKeepsSyntax } from './edits/applyEdits';
import { collectFileFacts } from './facts/fileFacts';
import { parseNextVersion } from './nextVersion';
import { combineFacts, createTypeFacts } from './semantic/typeFacts';
import { looksBinary, parseErrors, parseSource } from './parse';
import { rules as allRules } from './rules';
import type { AnalysisInput, AnalysisResult, Finding, Fix, ReportDescriptor, Rule, Severity } from './types';

/** Parse once, classify once, run every enabled rule; a rule that throws does not stop the others. */
export function analyzeFile(input: AnalysisInput, rules: readonly Rule[] = allRules): AnalysisResult {
  if (looksBinary(input.text)) {
    return { findings: [], syntaxErrors: [], ruleFailures: [], skipped: 'binary content (NUL characters)' };
  }
  // With type information the program's own source file is analysed, so its nodes are the checker's.
  const typed = input.types && input.types.sourceFile.text === input.text ? input.types : undefined;
  const reused = input.parsed && input.parsed.text === input.text ? input.parsed : undefined;
  const sourceFile = typed?.sourceFile ?? reused ?? parseSource(input.appRelativePath, input.text);
  const syntaxErrors = parseErrors(sourceFile).map((d) => ({
    message: typeof d.messageText === 'string' ? d.messageText : d.messageText.messageText,
    start: d.start,
    end: d.start + d.length,
  }));
  const facts = collectFileFacts(sourceFile, input.appRelativePath, parseNextVersion(input.nextVersion), input.cronPaths);
  const indexed = input.crossFile?.factsFor(facts, input.text);
  if (!indexed && input.served) facts.serve(input.served);
  const checked = typed ? createTypeFacts(typed) : undefined;
  const types = checked && indexed ? combineFacts(checked, indexed) : (checked ?? indexed);
  const settings = input.settings ?? {};
  const findings: Finding[] = [];
  const ruleFailures: AnalysisResult['ruleFailures'] = [];
  const timings: Record<string, number> = {};

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
    const started = input.measure ? performance.now() : 0;
    try {
      rule.check({ facts, settings, report, types });
      if (input.measure) timings[rule.meta.id] = performance.now() - started;
    } catch (error) {
      ruleFailures.push({ rule: rule.meta.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
  if (syntaxErrors.length > 0) dropFixesThatBreakSyntax(input.appRelativePath, input.text, findings, syntaxErrors.length);
  const result: AnalysisResult = input.measure ? { findings, syntaxErrors, ruleFailures, timings } : { findings, syntaxErrors, ruleFailures };
  if (facts.served.length > 0) result.served = [...facts.served];
  return result;
}

function rangeOf(descriptor: ReportDescriptor, sourceFile: ts.SourceFile): { start: number; end: number } {
  if (descriptor.node) return { start: descriptor.node.getStart(sourceFile), end: descriptor.node.getEnd() };
  return { start: descriptor.start ?? 0, end: descriptor.end ?? descriptor.start ?? 0 };
}

/** How many fixes of a file with syntax errors are checked by re-parsing; the rest are not offered. */
const MAX_CHECKED_FIXES_IN_BROKEN_FILE = 50;

/**
 * In code that does not parse, the recovered tree can be odd enough for a fix to make things
 * worse: there, each fix is re-parsed and kept only when it adds no syntax error.
 */
function dropFixesThatBreakSyntax(fileName: string, text: string, findings: Finding[], errorsBefore: number): void {
  let checked = 0;
  for (const finding of findings) {
    if (!finding.fix) continue;
    if (checked++ >= MAX_CHECKED_FIXES_IN_BROKEN_FILE || !fixKeepsSyntax(fileName, text, finding.fix, errorsBefore)) delete finding.fix;
  }
}

/** A fix that fails to build is dropped; the finding itself still stands. */
function resolveFix(fix: ReportDescriptor['fix']): Fix | undefined {
  try {
    return typeof fix === 'function' ? fix() : fix;
  } catch {
    return undefined;
  }
}
