import { analyzeFile } from './analyzeFile';
import { applyEdits, editsOverlap, fixKeepsSyntax } from './edits/applyEdits';
import { parseErrors, parseSource } from './parse';
import type { AnalysisInput, Finding, TextEdit } from './types';

export interface FixAllResult {
  output: string;
  /** The findings whose fixes were applied, across all passes. */
  applied: Finding[];
  /** What is still reported after the last pass. */
  remaining: Finding[];
}

const MAX_PASSES = 10;

/**
 * Applies every fix, as ESLint does: per pass take the fixes whose edits do not overlap the ones
 * already taken, apply them, re-analyse, repeat until nothing is left to fix. A fix whose output
 * would not parse is skipped, so the result never breaks the syntax.
 */
export function fixAll(input: AnalysisInput, accept: (finding: Finding) => boolean = () => true): FixAllResult {
  let text = input.text;
  const applied: Finding[] = [];
  let remaining: Finding[] = [];
  let settled = false;
  for (let pass = 0; pass < MAX_PASSES && !settled; pass++) {
    const { findings } = analyzeFile({ ...input, text });
    remaining = findings;
    const errorsBefore = parseErrors(parseSource(input.appRelativePath, text)).length;
    const taken: TextEdit[] = [];
    const takenFindings: Finding[] = [];
    for (const finding of findings) {
      if (!finding.fix || !accept(finding) || editsOverlap(taken, finding.fix.edits)) continue;
      if (!fixKeepsSyntax(input.appRelativePath, text, finding.fix, errorsBefore)) continue;
      taken.push(...finding.fix.edits);
      takenFindings.push(finding);
    }
    if (takenFindings.length === 0) {
      settled = true;
      break;
    }
    const next = applyEdits(text, taken);
    if (parseErrors(parseSource(input.appRelativePath, next)).length > errorsBefore) {
      // Each fix parsed alone but not together: fall back to the first one this pass.
      text = applyEdits(text, takenFindings[0]!.fix!.edits);
      applied.push(takenFindings[0]!);
    } else {
      text = next;
      applied.push(...takenFindings);
    }
  }
  // Out of passes with fixes still coming: report what the last text still has.
  if (!settled) remaining = analyzeFile({ ...input, text }).findings;
  return { output: text, applied, remaining };
}
