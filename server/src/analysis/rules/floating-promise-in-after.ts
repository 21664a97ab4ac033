import ts from 'typescript';
import type { AfterCall } from '../facts/fileFacts';
import { skipOuterExpressions } from '../facts/scopes';
import { enclosingFunction, isAsyncFunction } from '../facts/statements';
import { calleePath } from '../sideEffects/callee';
import { classifySideEffect, returnsPromise } from '../sideEffects/classify';
import type { Rule, TextEdit } from '../types';

export const rule: Rule = {
  meta: {
    id: 'floating-promise-in-after',
    description: 'A promise inside an after() callback that is neither awaited nor returned, which the platform may cut off.',
    defaultSeverity: 'warning',
    fixable: true,
  },
  check({ facts, settings, report, types }) {
    const { sourceFile } = facts;
    if (facts.afterCalls.length === 0) return;
    for (const node of facts.expressionStatements) {
      const after = facts.enclosingAfter(node);
      if (!after?.callback || enclosingFunction(node) !== after.callback) continue;
      let expression = skipOuterExpressions(node.expression);
      const voided = ts.isVoidExpression(expression);
      if (voided) expression = skipOuterExpressions((expression as ts.VoidExpression).expression);
      if (!ts.isCallExpression(expression)) continue;
      const call = rootOfChain(expression);
      const effect = classifySideEffect(call, settings.sideEffects, false, types);
      if (!returnsPromise(call, effect, types)) continue;
      const name = calleePath(call)?.text ?? 'this call';
      report({
        node: call,
        message:
          `The promise of \`${name}\` is neither awaited nor returned inside \`${after.api}()\`: ${after.api}() waits only for the promise its callback returns, so the platform may stop before this one ends. ` +
          'Add `await`.',
        fix: () => ({ title: 'Add `await`', edits: addAwait(sourceFile, node, expression, voided, after) }),
      });
    }
  },
};

function rootOfChain(call: ts.CallExpression): ts.CallExpression {
  let current = call;
  while (ts.isPropertyAccessExpression(current.expression) && /^(then|catch|finally)$/.test(current.expression.name.text)) {
    const inner = skipOuterExpressions(current.expression.expression);
    if (!ts.isCallExpression(inner)) break;
    current = inner;
  }
  return current;
}

/** `await` before the expression (in place of `void`), and `async` on the callback when it lacks it. */
function addAwait(sourceFile: ts.SourceFile, statement: ts.ExpressionStatement, expression: ts.Expression, voided: boolean, after: AfterCall): TextEdit[] {
  const start = statement.expression.getStart(sourceFile);
  const edits: TextEdit[] = [
    voided
      ? { start, end: statement.expression.getEnd(), text: `await ${expression.getText(sourceFile)}` }
      : { start, end: start, text: 'await ' },
  ];
  const callback = after.callback!;
  if (!isAsyncFunction(callback)) {
    // `async` goes before `function` (after `export`), or before an arrow's parameters.
    const keyword = callback.getChildren(sourceFile).find((child) => child.kind === ts.SyntaxKind.FunctionKeyword);
    const at = (keyword ?? callback).getStart(sourceFile);
    edits.push({ start: at, end: at, text: 'async ' });
  }
  return edits;
}
