import ts from 'typescript';
import { functionBodyDirectives } from './directives';
import type { FileRole } from './fileRole';
import { findDeclaration, isFunctionExpressionLike, isFunctionScope, skipOuterExpressions } from './scopes';
import { isAsyncFunction } from './statements';

/** The kinds of function Next.js calls while serving a request (or prerendering). */
export type RequestContextKind = 'route-handler' | 'server-action' | 'middleware' | 'server-component';
export type ContextKind = RequestContextKind | 'client' | 'pages-router' | 'unknown';

export interface ScopeContext {
  kind: ContextKind;
  /** The function that makes this a request scope; absent for file-level kinds. */
  scope?: ts.FunctionLikeDeclaration;
}

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const RENDER_TIME_EXPORTS = new Set([
  'generateMetadata',
  'generateViewport',
  'generateStaticParams',
  'generateSitemaps',
  'generateImageMetadata',
]);

export function isRequestContext(kind: ContextKind): kind is RequestContextKind {
  return kind === 'route-handler' || kind === 'server-action' || kind === 'middleware' || kind === 'server-component';
}

interface ModuleShape {
  role: FileRole;
  isClientModule: boolean;
  isServerModule: boolean;
}

/** Decides, once per file, which functions (all of the file's, in document order) are request scopes and of what kind. */
export function findRequestScopes(sourceFile: ts.SourceFile, shape: ModuleShape, functions: readonly ts.FunctionLikeDeclaration[]): Map<ts.Node, RequestContextKind> {
  const scopes = new Map<ts.Node, RequestContextKind>();
  if (shape.role.inPagesRouter) return scopes;

  const mark = (target: ts.Node | undefined, kind: RequestContextKind, onlyAsync = false): void => {
    for (const fn of functionsOf(target)) {
      if (onlyAsync && !isAsyncFunction(fn)) continue;
      if (!scopes.has(fn)) scopes.set(fn, kind);
    }
  };

  // Inline "use server" functions are actions wherever they sit, even inside a page.
  const inlineActions: ts.FunctionLikeDeclaration[] = [];
  const componentCandidates: ts.FunctionLikeDeclaration[] = [];
  for (const fn of functions) {
    if (functionBodyDirectives(fn).has('use server')) inlineActions.push(fn);
    else if (!shape.isClientModule && looksLikeServerComponent(fn)) componentCandidates.push(fn);
  }
  for (const fn of inlineActions) scopes.set(fn, 'server-action');

  for (const { name, target } of exportedBindings(sourceFile)) {
    const { role } = shape;
    if (role.isRouteFile && HTTP_METHODS.has(name)) mark(target, 'route-handler');
    else if (role.middlewareExport && (name === role.middlewareExport || name === 'default')) mark(target, 'middleware');
    else if (shape.isServerModule) mark(target, 'server-action', isFunctionScope(target));
    else if (shape.isClientModule) continue;
    else if (role.isRenderFile && name === 'default') mark(target, 'server-component');
    else if (role.inAppRouter && RENDER_TIME_EXPORTS.has(name)) mark(target, 'server-component');
  }

  for (const fn of componentCandidates) if (!scopes.has(fn)) scopes.set(fn, 'server-component');
  return scopes;
}

/** The context of code at `node`: that of the innermost enclosing request scope. */
export function contextAt(node: ts.Node, scopes: Map<ts.Node, RequestContextKind>, fileKind: ContextKind): ScopeContext {
  for (let current: ts.Node | undefined = node; current; current = current.parent) {
    const kind = scopes.get(current);
    if (kind) return { kind, scope: current as ts.FunctionLikeDeclaration };
  }
  return { kind: fileKind };
}

interface ExportedBinding {
  name: string;
  target: ts.Node;
}

/** `export function X`, `export const X = ...`, `export default ...` and `export { local as X }`. */
function exportedBindings(sourceFile: ts.SourceFile): ExportedBinding[] {
  const bindings: ExportedBinding[] = [];
  for (const statement of sourceFile.statements) {
    const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
    const exported = modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
    const isDefault = modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) ?? false;
    if (ts.isFunctionDeclaration(statement) && exported) {
      bindings.push({ name: isDefault ? 'default' : (statement.name?.text ?? 'default'), target: statement });
    } else if (ts.isVariableStatement(statement) && exported) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.initializer) {
          bindings.push({ name: declaration.name.text, target: declaration.initializer });
        }
      }
    } else if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
      bindings.push({ name: 'default', target: resolveLocal(statement.expression) });
    } else if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) {
        bindings.push({ name: element.name.text, target: resolveLocal(element.propertyName ?? element.name) });
      }
    }
  }
  return bindings;
}

/** `export default Page` names a local function or const: analyse what it names. */
function resolveLocal(expression: ts.Node): ts.Node {
  if (!ts.isIdentifier(expression)) return expression;
  const declaration = findDeclaration(expression);
  if (declaration && ts.isFunctionDeclaration(declaration)) return declaration;
  if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) return declaration.initializer;
  return expression;
}

/**
 * The functions an exported binding stands for: itself when it is a function, otherwise every
 * function passed into its initializer (`withAuth(async (req) => ...)`, `client.action(async () => ...)`).
 */
function functionsOf(target: ts.Node | undefined): ts.FunctionLikeDeclaration[] {
  if (!target) return [];
  if (isFunctionScope(target)) return [target];
  const found: ts.FunctionLikeDeclaration[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunctionScope(node)) {
      found.push(node);
      return;
    }
    if (ts.isIdentifier(node) && ts.isCallExpression(node.parent) && node.parent.arguments.includes(node)) {
      const local = resolveLocal(node);
      if (isFunctionScope(local)) found.push(local);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.isExpression(target) ? skipOuterExpressions(target) : target);
  return found;
}

function functionName(fn: ts.FunctionLikeDeclaration): string | undefined {
  if (fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  if (isFunctionExpressionLike(fn) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) {
    return fn.parent.name.text;
  }
  return undefined;
}

/** A function returning JSX, or an async function with a PascalCase name, renders. */
function looksLikeServerComponent(fn: ts.FunctionLikeDeclaration): boolean {
  const name = functionName(fn);
  if (name && /^[A-Z][A-Za-z0-9]*$/.test(name) && isAsyncFunction(fn) && !/^[A-Z0-9_]+$/.test(name)) return true;
  const body = fn.body;
  // Only .tsx/.jsx files can return JSX: the walk below is skipped for everything else.
  if (!body || fn.getSourceFile().languageVariant !== ts.LanguageVariant.JSX) return false;
  if (!ts.isBlock(body)) return containsJsx(body);
  let returnsJsx = false;
  const visit = (node: ts.Node): void => {
    if (returnsJsx || isFunctionScope(node)) return;
    if (ts.isReturnStatement(node) && node.expression && containsJsx(node.expression)) returnsJsx = true;
    else ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return returnsJsx;
}

function containsJsx(expression: ts.Node): boolean {
  if (ts.isJsxElement(expression) || ts.isJsxSelfClosingElement(expression) || ts.isJsxFragment(expression)) return true;
  if (isFunctionScope(expression)) return false;
  return ts.forEachChild(expression, containsJsx) ?? false;
}
