import ts from 'typescript';
import { findDeclaration, skipOuterExpressions } from '../facts/scopes';

/** A callee written as a dotted path: `prisma.post.update`, `track`, `getLogger().info`. */
export interface CalleePath {
  /** The names from the root to the called member. */
  names: string[];
  /** `names` joined with dots: what `sideEffects.include`/`exclude` globs match. */
  text: string;
  /** The identifier the path starts from, when it starts from one. */
  root?: ts.Identifier;
}

export function calleePath(call: ts.CallExpression): CalleePath | undefined {
  const names: string[] = [];
  let current: ts.Expression = skipOuterExpressions(call.expression);
  for (;;) {
    if (ts.isPropertyAccessExpression(current)) {
      names.unshift(current.name.text);
      current = skipOuterExpressions(current.expression);
    } else if (ts.isCallExpression(current)) {
      current = skipOuterExpressions(current.expression);
    } else break;
  }
  if (ts.isIdentifier(current)) return { names: [current.text, ...names], text: [current.text, ...names].join('.'), root: current };
  if (current.kind === ts.SyntaxKind.ThisKeyword && names.length) return { names, text: names.join('.') };
  return undefined;
}

/** Where the root of a callee comes from: a module, and the path below what it imported. */
export interface ModuleOrigin {
  module: string;
  /** The callee path relative to the module's export (`emails.send` below `new Resend()`). */
  path: string;
}

/**
 * Follows the root identifier to an import, directly (`import { track } from ...`), through a
 * namespace or default import (`Sentry.flush`), or through a client made from one
 * (`const resend = new Resend(key)`, `const log = pino()`, `nodemailer.createTransport()`).
 */
export function moduleOrigin(callee: CalleePath): ModuleOrigin | undefined {
  if (!callee.root) return undefined;
  const rest = callee.names.slice(1);
  const declaration = findDeclaration(callee.root);
  if (!declaration) return undefined;
  if (ts.isImportSpecifier(declaration)) {
    const module = moduleOfImport(declaration);
    return module ? { module, path: [(declaration.propertyName ?? declaration.name).text, ...rest].join('.') } : undefined;
  }
  if (ts.isNamespaceImport(declaration) || ts.isImportClause(declaration)) {
    const module = moduleOfImport(declaration);
    return module ? { module, path: rest.join('.') } : undefined;
  }
  if (ts.isVariableDeclaration(declaration) && declaration.initializer && ts.isIdentifier(declaration.name)) {
    let init = skipOuterExpressions(declaration.initializer);
    if (ts.isAwaitExpression(init)) init = skipOuterExpressions(init.expression);
    if (ts.isNewExpression(init) || ts.isCallExpression(init)) {
      const factory = calleeOfCreation(init);
      const origin = factory && moduleOrigin(factory);
      return origin ? { module: origin.module, path: rest.join('.') } : undefined;
    }
  }
  return undefined;
}

function calleeOfCreation(creation: ts.NewExpression | ts.CallExpression): CalleePath | undefined {
  const expression = skipOuterExpressions(creation.expression);
  if (ts.isIdentifier(expression)) return { names: [expression.text], text: expression.text, root: expression };
  if (ts.isPropertyAccessExpression(expression) && ts.isIdentifier(expression.expression)) {
    return { names: [expression.expression.text, expression.name.text], text: expression.getText(), root: expression.expression };
  }
  return undefined;
}

function moduleOfImport(node: ts.Node): string | undefined {
  let current: ts.Node | undefined = node;
  while (current && !ts.isImportDeclaration(current)) current = current.parent;
  return current && ts.isStringLiteral(current.moduleSpecifier) ? current.moduleSpecifier.text : undefined;
}

/** The function a plain callee name refers to in this file, to read its `async` or return type. */
export function localFunctionOf(callee: CalleePath): ts.SignatureDeclaration | undefined {
  if (!callee.root || callee.names.length !== 1) return undefined;
  const declaration = findDeclaration(callee.root);
  if (!declaration) return undefined;
  if (ts.isFunctionDeclaration(declaration)) return declaration;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
    const init = skipOuterExpressions(declaration.initializer);
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
  }
  return undefined;
}
