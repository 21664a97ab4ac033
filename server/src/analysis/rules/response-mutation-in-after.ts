import ts from 'typescript';
import { NAVIGATION_APIS } from '../facts/bindings';
import type { AfterCall, FileFacts } from '../facts/fileFacts';
import { findDeclaration } from '../facts/scopes';
import { enclosingFunction, enclosingStatement, isAsyncFunction } from '../facts/statements';
import { indentationAt, lineStartAt, newlineOf, removalRange } from '../edits/text';
import type { Fix, Rule } from '../types';

const COOKIE_MUTATIONS = new Set(['set', 'delete']);
const DRAFT_MUTATIONS = new Set(['enable', 'disable']);

export const rule: Rule = {
  meta: {
    id: 'response-mutation-in-after',
    description: 'Cookie writes, draft-mode switches and redirects inside after(), where the response has already been sent.',
    defaultSeverity: 'error',
    fixable: true,
  },
  check({ facts, report }) {
    for (const call of facts.calls) {
      const after = facts.enclosingAfter(call);
      if (!after) continue;
      const what = mutationOf(facts, call);
      if (!what) continue;
      const where = facts.describeContext(after.context);
      const navigation = navigationOf(facts, call);
      report({
        node: call,
        message:
          `${what} inside \`after()\` in ${where === facts.role.path ? where : `a ${where}`} has no effect on the response: after() runs once the response has been sent, and Next.js throws. ` +
          (navigation
            ? `Call it right after the \`after(...)\` statement instead: \`${navigation}()\` throws, so after() must be registered before it for its callback to still run.`
            : 'Do it before calling after().'),
        fix: () => moveOutOfAfter(facts, after, call, navigation !== undefined),
      });
    }
  },
};

/** Describes the mutation a call performs on the response, or undefined when it performs none. */
function mutationOf(facts: FileFacts, call: ts.CallExpression): string | undefined {
  const api = facts.apiOf(call);
  if (api && NAVIGATION_APIS.has(api)) return `Calling \`${api}()\``;
  if (!ts.isPropertyAccessExpression(call.expression)) return undefined;
  const method = call.expression.name.text;
  const kind = facts.handleKind(call.expression.expression);
  if (kind === 'cookie-store' && COOKIE_MUTATIONS.has(method)) return `Changing cookies with \`.${method}()\``;
  if (kind === 'draft-mode' && DRAFT_MUTATIONS.has(method)) return `Switching draft mode with \`.${method}()\``;
  return undefined;
}

/** `redirect`, `notFound` and the other navigations that throw, when the call is one. */
function navigationOf(facts: FileFacts, call: ts.CallExpression): string | undefined {
  const api = facts.apiOf(call);
  return api !== undefined && NAVIGATION_APIS.has(api) ? api : undefined;
}

/**
 * Moves the statement out of the callback when it is a plain statement of the callback body that
 * uses nothing declared inside it: cookie and draft-mode changes go before the outermost `after`;
 * a redirect or notFound() goes right after it, because it throws, and after() must be registered
 * first to still run (it runs even when the response redirects).
 */
function moveOutOfAfter(facts: FileFacts, after: AfterCall, call: ts.CallExpression, placeAfter: boolean): Fix | undefined {
  const { text, sourceFile } = facts;
  const statement = enclosingStatement(call);
  const callback = after.callback;
  if (!statement || !callback || statement.parent !== callback.body || !ts.isExpressionStatement(statement)) return undefined;
  if (usesCallbackLocals(statement, callback)) return undefined;
  const anchor = enclosingStatement(after.outermost.call);
  const owner = anchor && enclosingFunction(anchor);
  if (!anchor || !owner) return undefined;
  if (containsAwait(statement) && !isAsyncFunction(owner)) return undefined;

  const moved = statement.getText(sourceFile);
  const indent = indentationAt(text, anchor.getStart(sourceFile));
  const insertion = placeAfter
    ? { start: anchor.getEnd(), end: anchor.getEnd(), text: `${newlineOf(text)}${indent}${moved}` }
    : { start: lineStartAt(text, anchor.getStart(sourceFile)), end: lineStartAt(text, anchor.getStart(sourceFile)), text: `${indent}${moved}${newlineOf(text)}` };
  return {
    title: placeAfter ? 'Move this call after the after() call' : 'Move this statement before after()',
    edits: [
      insertion,
      { ...removalRange(text, statement.getStart(sourceFile), statement.getEnd()), text: '' },
    ],
  };
}

function usesCallbackLocals(statement: ts.Statement, callback: ts.FunctionLikeDeclaration): boolean {
  let uses = false;
  const visit = (node: ts.Node): void => {
    if (uses) return;
    if (ts.isIdentifier(node) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) {
      const declaration = findDeclaration(node);
      if (declaration && declaration.pos >= callback.pos && declaration.end <= callback.end) uses = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(statement);
  return uses;
}

function containsAwait(node: ts.Node): boolean {
  if (ts.isAwaitExpression(node)) return true;
  return ts.forEachChild(node, containsAwait) ?? false;
}
