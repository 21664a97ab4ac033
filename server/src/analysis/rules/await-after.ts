import ts from 'typescript';
import { skipOuterExpressions } from '../facts/scopes';
import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'await-after',
    description: '`await after(...)`: after() returns nothing, so the await only suggests the work is waited for.',
    defaultSeverity: 'warning',
    fixable: true,
  },
  check({ facts, report }) {
    for (const after of facts.afterCalls) {
      let awaited: ts.Node = after.call;
      while (ts.isParenthesizedExpression(awaited.parent)) awaited = awaited.parent;
      const awaitExpression = awaited.parent;
      if (!ts.isAwaitExpression(awaitExpression) || skipOuterExpressions(awaitExpression.expression) !== after.call) continue;
      const { sourceFile } = facts;
      report({
        node: awaitExpression,
        message:
          `\`await ${after.api}(...)\` waits for nothing: ${after.api}() returns undefined and its callback runs only after the response is sent. ` +
          'Remove the await.',
        fix: {
          title: 'Remove `await`',
          edits: [{ start: awaitExpression.getStart(sourceFile), end: awaitExpression.expression.getStart(sourceFile), text: '' }],
        },
      });
    }
  },
};
