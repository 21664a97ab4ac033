import ts from 'typescript';
import { analyzeFile } from './analyzeFile';
import { applyEdits, editsOverlap, fixedSource } from './edits/applyEdits';
import { parseErrors, parseSource } from './parse';
import type { AnalysisInput, Finding, Fix, TextEdit } from './types';

export interface FixAllResult {
  output: string;
  /** The findings whose fixes were applied, across all passes. */
  applied: Finding[];
  /** What is still reported after the last pass. */
  remaining: Finding[];
}

const MAX_PASSES = 10;

/** Whether fix-all (on save, and the CLI's `--fix`) applies this fix: fixes that need a review are only offered. */
export function isAutomaticFix(fix: Fix | undefined): fix is Fix {
  return fix !== undefined && fix.review === undefined;
}

/**
 * Applies every automatic fix, as ESLint does: per pass take the fixes whose edits do not overlap
 * the ones already taken, apply them, re-analyse, repeat until nothing is left to fix. A fix whose
 * output would not parse is skipped, so the result never breaks the syntax; so is a fix that
 * introduces a name another fix of the same pass introduces (two `const now` in one block): the
 * next pass, analysing the new text, picks another name.
 */
export function fixAll(input: AnalysisInput, accept: (finding: Finding) => boolean = () => true): FixAllResult {
  let text = input.text;
  const applied: Finding[] = [];
  let remaining: Finding[] = [];
  let settled = false;
  for (let pass = 0; pass < MAX_PASSES && !settled; pass++) {
    const { findings } = analyzeFile({ ...input, text });
    remaining = findings;
    const source = parseSource(input.appRelativePath, text);
    const errorsBefore = parseErrors(source).length;
    const declaredBefore = declarationCounts(source);
    const taken: TextEdit[] = [];
    const takenNames = new Set<string>();
    const takenFindings: Finding[] = [];
    for (const finding of findings) {
      const fix = finding.fix;
      if (!isAutomaticFix(fix) || !accept(finding) || editsOverlap(taken, fix.edits)) continue;
      const output = fixedSource(input.appRelativePath, text, fix, errorsBefore);
      if (!output) continue;
      const introduced = namesAddedBy(output, declaredBefore);
      if (introduced.some((name) => takenNames.has(name))) continue;
      for (const name of introduced) takenNames.add(name);
      taken.push(...fix.edits);
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

/**
 * Of these findings' automatic fixes, in order, the ones that add a name an earlier one adds: a
 * fixer that applies a pass of non-overlapping fixes at once (ESLint) leaves them to its next pass,
 * as fix-all does above. Only worth parsing when two fixes could meet.
 */
export function fixesAddingTakenNames(fileName: string, text: string, findings: readonly Finding[]): Set<Finding> {
  const deferred = new Set<Finding>();
  const candidates = findings.filter((finding) => isAutomaticFix(finding.fix));
  if (candidates.length < 2) return deferred;
  const declaredBefore = declarationCounts(parseSource(fileName, text));
  const taken = new Set<string>();
  for (const finding of candidates) {
    const introduced = namesAddedBy(parseSource(fileName, applyEdits(text, finding.fix!.edits)), declaredBefore);
    if (introduced.some((name) => taken.has(name))) deferred.add(finding);
    else for (const name of introduced) taken.add(name);
  }
  return deferred;
}

/** The names a fix's output declares more often than the text it fixed. */
function namesAddedBy(output: ts.SourceFile, declaredBefore: ReadonlyMap<string, number>): string[] {
  return [...declarationCounts(output)].filter(([name, count]) => count > (declaredBefore.get(name) ?? 0)).map(([name]) => name);
}

/** How many declarations of each name a file has: a fix that adds one introduces that name. */
function declarationCounts(sourceFile: ts.SourceFile): Map<string, number> {
  const counts = new Map<string, number>();
  const visit = (node: ts.Node): void => {
    const name = (node as { name?: ts.Node }).name;
    const declares =
      ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node) || ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isImportSpecifier(node) || ts.isImportClause(node) || ts.isNamespaceImport(node);
    if (declares && name && ts.isIdentifier(name)) counts.set(name.text, (counts.get(name.text) ?? 0) + 1);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return counts;
}
