import type { Rule as Eslint, SourceCode } from 'eslint';
import { fixesAddingTakenNames, ruleDocUrl, type Finding, type Fix, type RuleMeta, type Severity } from '../analysis';

/** Runs the engine on the text of a rule context, for the given engine rules only. */
export type AnalyseText = (context: Eslint.RuleContext, ruleIds: ReadonlySet<string>) => readonly Finding[];

interface LintedFile {
  /** Our rules ESLint runs on this text (the ones the config turns on). */
  ruleIds: Set<string>;
  findings?: readonly Finding[];
  /** Fixes left for a later pass: they declare a name an earlier fix of this pass declares too. */
  deferred?: ReadonlySet<Finding>;
}

/**
 * All of our rules in one lint of one text share one engine run. ESLint calls every enabled rule's
 * `create` before it walks the tree, so when the first of them reaches `Program` the set of rules to
 * run is complete; rules the user turned off are never created and cost nothing. A fix pass makes a
 * new SourceCode, hence a new run.
 */
export class SharedAnalysis {
  private readonly files = new WeakMap<SourceCode, LintedFile>();

  constructor(private readonly analyse: AnalyseText) {}

  join(context: Eslint.RuleContext, ruleId: string): void {
    const file = this.files.get(context.sourceCode);
    if (file) file.ruleIds.add(ruleId);
    else this.files.set(context.sourceCode, { ruleIds: new Set([ruleId]) });
  }

  findingsOf(context: Eslint.RuleContext, ruleId: string): Finding[] {
    const file = this.files.get(context.sourceCode)!;
    if (!file.findings) {
      file.findings = this.analyse(context, file.ruleIds);
      // ESLint applies every non-overlapping fix of a pass at once: two that capture a value as
      // `const attempt` would declare it twice, so the second waits for the next pass, as in fix-all.
      file.deferred = fixesAddingTakenNames(context.filename, context.sourceCode.text, file.findings);
    }
    return file.findings.filter((finding) => finding.rule === ruleId);
  }

  /** Whether ESLint should apply this finding's fix in this pass (see `fixesAddingTakenNames`). */
  fixesNow(context: Eslint.RuleContext, finding: Finding): boolean {
    return !this.files.get(context.sourceCode)?.deferred?.has(finding);
  }
}

/** ESLint knows two levels: info and hint rules are warnings. */
export function eslintSeverity(severity: Severity): 'error' | 'warn' {
  return severity === 'error' ? 'error' : 'warn';
}

/**
 * One engine rule as an ESLint rule: same message, same range, and its fix as an ESLint fix when it
 * is safe for `--fix`, as a suggestion when it asks for a review first.
 */
export function eslintRule(meta: RuleMeta, shared: SharedAnalysis): Eslint.RuleModule {
  return {
    meta: {
      type: meta.defaultSeverity === 'error' || meta.defaultSeverity === 'warning' ? 'problem' : 'suggestion',
      docs: { description: meta.description, url: ruleDocUrl(meta.id), recommended: true },
      ...(meta.fixable ? { fixable: 'code', hasSuggestions: true } : {}),
      schema: [],
    },
    create(context) {
      shared.join(context, meta.id);
      return {
        Program() {
          const { sourceCode } = context;
          for (const finding of shared.findingsOf(context, meta.id)) {
            const fix = finding.fix && finding.fix.edits.length > 0 ? finding.fix : undefined;
            context.report({
              loc: { start: sourceCode.getLocFromIndex(finding.start), end: sourceCode.getLocFromIndex(finding.end) },
              message: finding.message,
              ...(fix && !fix.review && shared.fixesNow(context, finding) ? { fix: fixer(fix) } : {}),
              ...(fix?.review ? { suggest: [{ desc: fix.title, fix: fixer(fix) }] } : {}),
            });
          }
        },
      };
    },
  };
}

function fixer(fix: Fix): Eslint.ReportFixer {
  return (fixer) => fix.edits.map((edit) => fixer.replaceTextRange([edit.start, edit.end], edit.text));
}
