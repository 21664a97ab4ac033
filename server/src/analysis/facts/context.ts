import ts from 'typescript';
import { functionBodyDirectives } from './directives';
import type { FileRole } from './fileRole';
import { declarationNamed, findDeclaration, isFunctionExpressionLike, isFunctionScope, skipOuterExpressions } from './scopes';
import { isAsyncFunction, returnedExpression } from './statements';

/** The kinds of function Next.js calls while serving a request (or prerendering). */
export type RequestContextKind = 'route-handler' | 'server-action' | 'middleware' | 'server-component';
export type ContextKind = RequestContextKind | 'client' | 'pages-router' | 'unknown';

export interface ScopeContext {
  kind: ContextKind;
  /** The function that makes this a request scope; absent for file-level kinds. */
  scope?: ts.FunctionLikeDeclaration;
  /** Set when no export of this file makes it a request scope, but a route's router or a caller does. */
  served?: ServedBy;
}

/**
 * How a function that no Next.js file convention declares comes to run in a request: a handler
 * of a router that a `route.ts` serves (tRPC, oRPC, Hono, Auth.js, better-auth), or a helper of
 * this module that only request scopes call and await.
 */
export interface ServedBy {
  /** How messages name the scope: "tRPC mutation `monitor.create`, served by app/api/trpc/[trpc]/route.ts". */
  description: string;
  /** The serving `route.ts`, relative to its app's root (`app/api/trpc/[trpc]/route.ts`). */
  route?: string;
  /** The handler's own URL path when the router says it (`/api/hono/users/:id`, `/api/trpc/monitor.create`). */
  urlPath?: string;
  /** The handler's own name as its router or module knows it (`createMonitor`, `sendResetPassword`). */
  name?: string;
  /** Sending is what it is for: an auth provider's verification email, better-auth's `send*` callbacks. */
  sendIsPurpose?: boolean;
}

/** What the project index says of one function of this file (see project/requestScopes.ts). */
export interface ServedFunction {
  /** Which function: a `FunctionId` (project/shapes.ts). */
  fn: string;
  served: ServedBy;
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
export function contextAt(node: ts.Node, scopes: Map<ts.Node, RequestContextKind>, fileKind: ContextKind, served?: ReadonlyMap<ts.Node, ServedBy>): ScopeContext {
  for (let current: ts.Node | undefined = node; current; current = current.parent) {
    const kind = scopes.get(current);
    if (!kind) continue;
    const by = served?.get(current);
    return by ? { kind, scope: current as ts.FunctionLikeDeclaration, served: by } : { kind, scope: current as ts.FunctionLikeDeclaration };
  }
  return { kind: fileKind };
}

/**
 * The function a `FunctionId` (project/shapes.ts) names in this file: found again by the same
 * steps that recorded it, so it is the same function whatever was edited inside function bodies.
 * `atPosition` finds the calls and functions that `p:` anchors name.
 */
export function locateFunction(sourceFile: ts.SourceFile, id: string, atPosition: (pos: number) => ts.Node | undefined): ts.FunctionLikeDeclaration | undefined {
  const bar = id.indexOf('|');
  const anchor = bar < 0 ? id : id.slice(0, bar);
  const steps = bar < 0 || bar === id.length - 1 ? [] : id.slice(bar + 1).split('/');
  if (anchor.startsWith('n:')) return steps.length === 0 ? moduleFunctionNamed(sourceFile, anchor.slice(2)) : undefined;
  let node: ts.Node | undefined = anchorNode(sourceFile, anchor, atPosition);
  for (const step of steps) {
    if (!node) return undefined;
    node = stepFrom(node, step);
  }
  return node && isFunctionScope(node) ? node : undefined;
}

function anchorNode(sourceFile: ts.SourceFile, anchor: string, atPosition: (pos: number) => ts.Node | undefined): ts.Node | undefined {
  const value = anchor.slice(2);
  switch (anchor.slice(0, 2)) {
    case 'v:': {
      let declaration: ts.Node | undefined = declarationNamed(value, sourceFile);
      while (declaration && (ts.isBindingElement(declaration) || ts.isObjectBindingPattern(declaration) || ts.isArrayBindingPattern(declaration))) declaration = declaration.parent;
      return declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
    }
    case 'd:': {
      const assignment = sourceFile.statements.find((statement): statement is ts.ExportAssignment => ts.isExportAssignment(statement) && !statement.isExportEquals);
      return assignment?.expression;
    }
    case 's:': {
      const statement = sourceFile.statements[Number(value)];
      return statement && ts.isExpressionStatement(statement) ? statement.expression : undefined;
    }
    case 'p:':
      return atPosition(Number(value));
    default:
      return undefined;
  }
}

/** One step of a `FunctionId`, the way ShapeBuilder took it. */
function stepFrom(from: ts.Node, step: string): ts.Node | undefined {
  let node = from;
  if (!isFunctionScope(node) && ts.isExpression(node)) {
    node = skipOuterExpressions(node);
    while (ts.isAwaitExpression(node)) node = skipOuterExpressions(node.expression);
  }
  const index = (pattern: RegExp): number => Number(pattern.exec(step)?.[1] ?? NaN);
  if (step === '^') return ts.isCallExpression(node) || ts.isNewExpression(node) ? node.expression : undefined;
  if (step === '.') return ts.isPropertyAccessExpression(node) ? node.expression : undefined;
  if (step === '>') return isFunctionScope(node) ? returnedExpression(node) : undefined;
  if (step.startsWith('(')) return ts.isCallExpression(node) || ts.isNewExpression(node) ? node.arguments?.[index(/^\((\d+)\)$/)] : undefined;
  if (step.startsWith('[')) {
    const element = ts.isArrayLiteralExpression(node) ? node.elements[index(/^\[(\d+)\]$/)] : undefined;
    return element && ts.isSpreadElement(element) ? element.expression : element;
  }
  if (step.startsWith('s:')) {
    const property = ts.isObjectLiteralExpression(node) ? node.properties[index(/^s:(\d+)$/)] : undefined;
    return property && ts.isSpreadAssignment(property) ? property.expression : undefined;
  }
  if (step.startsWith('k:')) {
    if (!ts.isObjectLiteralExpression(node)) return undefined;
    const key = decodeURIComponent(step.slice(2));
    const property = node.properties.find((candidate) => candidate.name !== undefined && (ts.isIdentifier(candidate.name) || ts.isStringLiteral(candidate.name) || ts.isNumericLiteral(candidate.name)) && candidate.name.text === key);
    if (property && ts.isMethodDeclaration(property)) return property;
    return property && ts.isPropertyAssignment(property) ? property.initializer : undefined;
  }
  if (ts.isConditionalExpression(node)) return step === '?t' ? node.whenTrue : step === '?f' ? node.whenFalse : undefined;
  if (ts.isBinaryExpression(node)) return step === '?l' ? node.left : step === '?r' ? node.right : undefined;
  return undefined;
}

/**
 * The function a module-level name stands for: `function handler`, `const handler = async () =>`,
 * `const mw = t.middleware(async () => ...)` (the function passed in, as the summary reads it),
 * `router.create` (a method of a module-level object).
 */
function moduleFunctionNamed(sourceFile: ts.SourceFile, local: string): ts.FunctionLikeDeclaration | undefined {
  const [name, ...members] = local.split('.');
  if (name === undefined) return undefined;
  const declaration = declarationNamed(name, sourceFile);
  if (!declaration) return undefined;
  if (ts.isFunctionDeclaration(declaration)) return members.length === 0 && declaration.body ? declaration : undefined;
  if (!ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  let value: ts.Expression = skipOuterExpressions(declaration.initializer);
  for (const member of members) {
    if (!ts.isObjectLiteralExpression(value)) return undefined;
    const property = value.properties.find((candidate) => candidate.name !== undefined && (ts.isIdentifier(candidate.name) || ts.isStringLiteral(candidate.name)) && candidate.name.text === member);
    if (property && ts.isMethodDeclaration(property)) return property;
    if (!property || !ts.isPropertyAssignment(property)) return undefined;
    value = skipOuterExpressions(property.initializer);
  }
  if (isFunctionScope(value)) return value;
  const first = ts.isCallExpression(value) && value.arguments.length > 0 ? skipOuterExpressions(value.arguments[0]!) : undefined;
  return first && isFunctionExpressionLike(first) ? first : undefined;
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
