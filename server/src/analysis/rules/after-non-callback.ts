import ts from 'typescript';
import { planCaptures } from '../edits/captures';
import { captureAnchorOfCall, deferringFix } from '../edits/wrapInAfter';
import { isFunctionExpressionLike, skipOuterExpressions } from '../facts/scopes';
import type { Fix, Rule, Severity } from '../types';

export const rule: Rule = {
  meta: {
    id: 'after-non-callback',
    description: 'after() given a promise, an awaited value or a literal instead of a callback.',
    defaultSeverity: 'warning',
    fixable: true,
  },
  check({ facts, report }) {
    const { sourceFile } = facts;
    for (const after of facts.afterCalls) {
      const argument = after.call.arguments[0];
      const name = after.api;
      if (!argument) {
        report({
          node: after.call,
          severity: 'error',
          message: `\`${name}()\` is called without a callback, so Next.js throws at run time. Pass the work as a function: \`${name}(() => ...)\`.`,
        });
        continue;
      }
      const value = skipOuterExpressions(argument);
      const problem = describeArgument(value);
      if (!problem) continue;
      const wrap = problem.wrap;
      const fix = wrap && ((): Fix | undefined => {
        const plan = planCaptures(facts, [wrap], captureAnchorOfCall(after.call));
        return deferringFix(`Wrap in a callback: ${name}(() => ...)`, plan, [{ start: argument.getStart(sourceFile), end: argument.getEnd(), text: plan.arrowOf(wrap) }]);
      });
      report({ node: argument, severity: problem.severity, message: problem.message(name), fix });
    }
  },
};

interface ArgumentProblem {
  severity?: Severity;
  message(name: string): string;
  /** The expression the callback should return, when wrapping is the fix. */
  wrap?: ts.Expression;
}

function describeArgument(value: ts.Expression): ArgumentProblem | undefined {
  if (isFunctionExpressionLike(value)) return undefined;
  if (ts.isAwaitExpression(value)) {
    return {
      wrap: skipOuterExpressions(value.expression),
      message: (name) =>
        `The value passed to \`${name}()\` is awaited first, so the work blocks the response and ${name}() receives its result instead of a callback. ` +
        `Pass a callback instead: \`${name}(() => ...)\`.`,
    };
  }
  if (ts.isCallExpression(value) || ts.isNewExpression(value) || ts.isTaggedTemplateExpression(value)) {
    return {
      wrap: value,
      message: (name) =>
        `This ${ts.isNewExpression(value) ? 'promise' : 'call'} starts while the response is still being produced, not after it: \`${name}()\` expects a callback. ` +
        `Wrap it: \`${name}(() => ...)\`.`,
    };
  }
  if (isLiteralLike(value)) {
    return {
      severity: 'error',
      message: (name) => `\`${name}()\` needs a callback (or a promise); \`${value.getText()}\` makes Next.js throw at run time. Pass the work as a function: \`${name}(() => ...)\`.`,
    };
  }
  return undefined;
}

function isLiteralLike(value: ts.Expression): boolean {
  return (
    ts.isLiteralExpression(value) ||
    ts.isNoSubstitutionTemplateLiteral(value) ||
    ts.isTemplateExpression(value) ||
    ts.isObjectLiteralExpression(value) ||
    ts.isArrayLiteralExpression(value) ||
    value.kind === ts.SyntaxKind.NullKeyword ||
    value.kind === ts.SyntaxKind.TrueKeyword ||
    value.kind === ts.SyntaxKind.FalseKeyword ||
    (ts.isIdentifier(value) && value.text === 'undefined') ||
    (ts.isVoidExpression(value) && ts.isLiteralExpression(skipOuterExpressions(value.expression)))
  );
}
