import ts from 'typescript';
import { planCaptures } from '../edits/captures';
import { captureAnchor, deferringFix, wrapExpressionInAfter } from '../edits/wrapInAfter';
import { skipOuterExpressions } from '../facts/scopes';
import { classifySideEffect, returnsPromise } from '../sideEffects/classify';
import { handlerStatementScope } from '../sideEffects/handlerStatement';
import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'floating-side-effect',
    description: 'A side-effect promise that is neither awaited nor returned: the platform may stop the function before it ends.',
    defaultSeverity: 'warning',
    fixable: true,
  },
  check({ facts, settings, report, types }) {
    for (const node of facts.expressionStatements) {
      const scope = handlerStatementScope(facts, node);
      if (!scope) continue;
      const call = floatingCall(node.expression);
      if (!call) continue;
      const effect = classifySideEffect(call, settings.sideEffects, false, types);
      if (!effect || !returnsPromise(call, effect, types)) continue;
      // An auth provider's verification email is what its callback is for.
      if (scope.served?.sendIsPurpose && effect.category === 'notification') continue;
      const where = facts.describeContext(scope);
      const expression = skipOuterExpressions(node.expression);
      const task = ts.isVoidExpression(expression) ? skipOuterExpressions(expression.expression) : expression;
      report({
        node: call,
        severity: effect.category === 'notification' ? 'info' : undefined,
        message:
          `This ${effect.category} call is not awaited, so the platform may stop this ${where} before \`${effect.callee.text}\` finishes once the response is sent. ` +
          'Wrap it in `after(() => ...)`: the work then runs after the response and is waited for.',
        fix: () => {
          const plan = planCaptures(facts, [task], captureAnchor(node));
          return deferringFix('Wrap in after()', plan, wrapExpressionInAfter(facts, expression, task, plan));
        },
      });
    }
  },
};

/** The side-effect call of `track()`, `void track()` or `track().catch(...)` used as a statement. */
function floatingCall(statementExpression: ts.Expression): ts.CallExpression | undefined {
  let expression = skipOuterExpressions(statementExpression);
  if (ts.isVoidExpression(expression)) expression = skipOuterExpressions(expression.expression);
  if (!ts.isCallExpression(expression)) return undefined;
  // Walk down `.then(...).catch(...)` to the call the chain starts from.
  let call = expression;
  for (;;) {
    const callee = call.expression;
    if (ts.isPropertyAccessExpression(callee) && /^(then|catch|finally)$/.test(callee.name.text)) {
      const inner = skipOuterExpressions(callee.expression);
      if (ts.isCallExpression(inner)) {
        call = inner;
        continue;
      }
    }
    return call;
  }
}
