import ts from 'typescript';
import { isFunctionScope } from './scopes';

/** The statement that holds `node` and sits directly in a block, a case clause or the file. */
export function enclosingStatement(node: ts.Node): ts.Statement | undefined {
  for (let current: ts.Node | undefined = node; current; current = current.parent) {
    const parent = current.parent;
    if (parent && (ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isModuleBlock(parent) || ts.isCaseOrDefaultClause(parent))) {
      return ts.isStatement(current) ? current : undefined;
    }
    if (isFunctionScope(current) && current !== node) return undefined;
  }
  return undefined;
}

export function enclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionScope(current)) return current;
  }
  return undefined;
}

export function isAsyncFunction(fn: ts.FunctionLikeDeclaration): boolean {
  return (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) !== 0;
}

/** Every name the file binds or refers to: a new variable must avoid all of them. */
export function usedNames(sourceFile: ts.SourceFile): ReadonlySet<string> {
  return namesIn(sourceFile);
}

const namesByNode = new WeakMap<ts.Node, Set<string>>();

/**
 * The names bound or referred to inside `node`. Property names (`.id`, `{ workspaceId: ... }`)
 * cannot clash with a variable, so they stay free: they are often the best name for a value.
 */
export function namesIn(node: ts.Node): ReadonlySet<string> {
  const cached = namesByNode.get(node);
  if (cached) return cached;
  const names = new Set<string>();
  namesByNode.set(node, names);
  const visit = (current: ts.Node, parent: ts.Node | undefined): void => {
    if (ts.isIdentifier(current) && !(parent && isPropertyName(current, parent))) names.add(current.text);
    ts.forEachChild(current, (child) => visit(child, current));
  };
  visit(node, node.parent);
  return names;
}

/** `name` names a property, not a binding: `a.name`, `{ name: 1 }`, `{ name: local } = x`, `class { name() {} }`. */
export function isPropertyName(name: ts.Identifier, parent: ts.Node): boolean {
  if (ts.isPropertyAccessExpression(parent)) return parent.name === name;
  if (ts.isQualifiedName(parent)) return parent.right === name;
  if (ts.isBindingElement(parent) || ts.isImportSpecifier(parent)) return parent.propertyName === name;
  return (
    (ts.isPropertyAssignment(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isGetAccessorDeclaration(parent) ||
      ts.isSetAccessorDeclaration(parent) ||
      ts.isPropertySignature(parent) ||
      ts.isMethodSignature(parent) ||
      ts.isJsxAttribute(parent)) &&
    parent.name === name
  );
}

export function uniqueName(base: string, taken: ReadonlySet<string> | { has(name: string): boolean }): string {
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix++) if (!taken.has(`${base}${suffix}`)) return `${base}${suffix}`;
}

/** The one expression a function returns: an arrow's body, or a body whose only `return` has a value. */
export function returnedExpression(fn: ts.FunctionLikeDeclaration): ts.Expression | undefined {
  const body = fn.body;
  if (!body) return undefined;
  if (!ts.isBlock(body)) return body;
  const last = body.statements[body.statements.length - 1];
  return last && ts.isReturnStatement(last) && last.expression && !body.statements.slice(0, -1).some(ts.isReturnStatement) ? last.expression : undefined;
}
