import ts from 'typescript';
import { findDeclaration, skipOuterExpressions } from '../facts/scopes';
import { calleePath } from '../sideEffects/callee';

/** Sources whose value differs from one moment to the next. */
const MOMENT_CALLS = new Set(['Date.now', 'performance.now', 'Math.random', 'crypto.randomUUID']);

/**
 * Whether `expression`, evaluated later (once the response is sent) instead of where it is, gives
 * the same values: it reads no clock or random source, no `let`/`var`, and no parameter or object
 * that `fn` assigns to anywhere. Mutation through method calls (`items.push()`) is not seen.
 */
export function readsSameValuesLater(expression: ts.Expression, fn: ts.Node): boolean {
  const written = writtenDeclarations(fn);
  let same = true;
  const visit = (node: ts.Node): void => {
    if (!same || ts.isTypeNode(node)) return;
    if (ts.isCallExpression(node) && MOMENT_CALLS.has(calleePath(node)?.text ?? '')) same = false;
    else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Date') same = false;
    else if (ts.isIdentifier(node) && !isPropertyName(node)) {
      const declaration = findDeclaration(node);
      if (declaration && (written.has(declaration) || isReassignable(declaration))) same = false;
    }
    ts.forEachChild(node, visit);
  };
  visit(expression);
  return same;
}

function isPropertyName(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  return (ts.isPropertyAccessExpression(parent) && parent.name === identifier) || (ts.isPropertyAssignment(parent) && parent.name === identifier);
}

/** A `let` or `var` binding (also one destructured from such a declaration). */
function isReassignable(declaration: ts.Node): boolean {
  let current: ts.Node = declaration;
  while (ts.isBindingElement(current) || ts.isObjectBindingPattern(current) || ts.isArrayBindingPattern(current)) current = current.parent;
  if (!ts.isVariableDeclaration(current)) return false;
  const list = current.parent;
  return ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.BlockScoped) !== ts.NodeFlags.Const;
}

/** The declarations `fn` assigns to, increments or deletes from, directly or through a property. */
function writtenDeclarations(fn: ts.Node): Set<ts.Node> {
  const written = new Set<ts.Node>();
  const markTarget = (target: ts.Expression): void => {
    let root = skipOuterExpressions(target);
    while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = skipOuterExpressions(root.expression);
    if (ts.isIdentifier(root)) {
      const declaration = findDeclaration(root);
      if (declaration) written.add(declaration);
    } else if (ts.isObjectLiteralExpression(root) || ts.isArrayLiteralExpression(root)) {
      // A destructuring assignment: every name in the pattern is written.
      const names = (node: ts.Node): void => {
        if (ts.isIdentifier(node) && !isPropertyName(node)) markTarget(node);
        else ts.forEachChild(node, names);
      };
      ts.forEachChild(root, names);
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) markTarget(node.left);
    else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) markTarget(node.operand);
    else if (ts.isDeleteExpression(node)) markTarget(node.expression);
    ts.forEachChild(node, visit);
  };
  visit(fn);
  return written;
}
