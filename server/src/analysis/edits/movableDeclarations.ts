import ts from 'typescript';
import { REQUEST_APIS } from '../facts/bindings';
import type { FileFacts } from '../facts/fileFacts';
import { findDeclaration, isFunctionScope } from '../facts/scopes';
import { planCaptures } from './captures';

/**
 * The `const` declarations before `statement` in its block that only it uses (directly or through
 * each other), which can move into `after()` along with it: the seed's `userAgent`. A declaration
 * that awaits anything but a request API stays, and in a Server Component request-API reads stay
 * outside the callback, so their values are captured instead. So does a declaration that reads
 * something that could differ once the response is sent (`const duration = Date.now() - start`):
 * in place, it already holds the value the moved statement needs.
 */
export function movableDeclarations(facts: FileFacts, statement: ts.Statement, serverComponent: boolean): ts.VariableStatement[] {
  const block = statement.parent;
  if (!ts.isBlock(block)) return [];
  const index = block.statements.indexOf(statement);
  const moving = new Set<ts.Node>([statement]);
  const taken: ts.VariableStatement[] = [];
  for (let i = index - 1; i >= 0; i--) {
    const candidate = block.statements[i]!;
    if (!ts.isVariableStatement(candidate) || !(candidate.declarationList.flags & ts.NodeFlags.Const)) continue;
    const [declaration, ...others] = candidate.declarationList.declarations;
    if (!declaration || others.length || !ts.isIdentifier(declaration.name) || !declaration.initializer) continue;
    if (!movableInitializer(facts, declaration.initializer, serverComponent)) continue;
    const uses = referencesTo(block, declaration);
    if (uses.length === 0 || !uses.every((use) => [...moving].some((node) => contains(node, use)))) continue;
    const plan = planCaptures(facts, [candidate], candidate);
    if (plan.names.length > 0 || plan.review) continue;
    moving.add(candidate);
    taken.unshift(candidate);
  }
  return taken;
}

function movableInitializer(facts: FileFacts, initializer: ts.Expression, serverComponent: boolean): boolean {
  let ok = true;
  const visit = (node: ts.Node): void => {
    if (!ok || isFunctionScope(node)) return;
    if (ts.isCallExpression(node)) {
      const api = facts.apiOf(node);
      if (api && REQUEST_APIS.has(api) && serverComponent) ok = false;
    }
    if (ts.isAwaitExpression(node)) {
      const awaited = ts.isCallExpression(node.expression) ? facts.apiOf(node.expression) : undefined;
      if (!awaited || !REQUEST_APIS.has(awaited)) ok = false;
    }
    ts.forEachChild(node, visit);
  };
  visit(initializer);
  return ok;
}

/** The identifiers in `scope` that name `declaration` (property names are not references). */
export function referencesTo(scope: ts.Node, declaration: ts.VariableDeclaration): ts.Identifier[] {
  const name = (declaration.name as ts.Identifier).text;
  const found: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === name && node !== declaration.name && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) {
      if (findDeclaration(node) === declaration) found.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return found;
}

function contains(outer: ts.Node, inner: ts.Node): boolean {
  return inner.pos >= outer.pos && inner.end <= outer.end;
}
