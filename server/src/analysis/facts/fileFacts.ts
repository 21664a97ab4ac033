import ts from 'typescript';
import type { NextVersion } from '../nextVersion';
import { calledApi, calleeRootName, knownApiNames, resolveNextApi, type NextApi } from './bindings';
import { contextAt, findRequestScopes, isRequestContext, locateFunction, type ContextKind, type ScopeContext, type ServedBy, type ServedFunction } from './context';
import { localHelperCandidates, localHelperScopes } from './localHelpers';
import { prologueDirectives } from './directives';
import { classifyFilePath, type FileRole } from './fileRole';
import { findDeclaration, isFunctionExpressionLike, isFunctionScope, skipOuterExpressions } from './scopes';

/** An `after(...)` (or `unstable_after(...)`) call and where it runs. */
export interface AfterCall {
  call: ts.CallExpression;
  api: 'after' | 'unstable_after';
  /**
   * The code that runs after the response: the first argument when it is a function literal, or
   * the local function it names (`after(logVisit)`).
   */
  callback?: ts.FunctionLikeDeclaration;
  /** True when the callback is written inline, so edits inside it see the caller's variables. */
  callbackIsInline: boolean;
  /** The outermost `after` this one is nested in (itself when not nested). */
  outermost: AfterCall;
  /** The context of the outermost `after`: nested calls keep it. */
  context: ScopeContext;
}

/** A value that stands for a request-bound object: a cookie store or a draft-mode handle. */
export type HandleKind = 'cookie-store' | 'draft-mode';

/** Everything the rules ask about a file, computed once per analysis. */
export interface FileFacts {
  sourceFile: ts.SourceFile;
  text: string;
  role: FileRole;
  isClientModule: boolean;
  isServerModule: boolean;
  /** The kind of code outside any request scope: client, pages-router or unknown. */
  fileKind: ContextKind;
  nextVersion: NextVersion;
  /** The URL paths the app's vercel.json runs as cron jobs. */
  cronPaths: readonly string[];
  /** Every call expression in document order. */
  calls: readonly ts.CallExpression[];
  /** Every expression statement in document order (the side-effect rules look at these). */
  expressionStatements: readonly ts.ExpressionStatement[];
  afterCalls: readonly AfterCall[];
  contextOf(node: ts.Node): ScopeContext;
  /** The innermost `after` whose callback contains `node`. */
  enclosingAfter(node: ts.Node): AfterCall | undefined;
  /** True inside an `after` callback or anywhere in the arguments of a `waitUntil` call. */
  isDeferred(node: ts.Node): boolean;
  handleKind(expression: ts.Expression): HandleKind | undefined;
  /**
   * `Server Component (app/page.tsx)`, or for a scope served by a router "tRPC mutation
   * `monitor.create`, served by app/api/trpc/[trpc]/route.ts": how messages name where code runs.
   */
  describeContext(context: ContextKind | ScopeContext): string;
  /**
   * Functions of this file that a route's router runs in its request (from the project index):
   * they take the Route Handler's context, and so do the helpers only they call.
   */
  serve(functions: readonly ServedFunction[]): void;
  /** What `serve` was given. */
  readonly served: readonly ServedFunction[];
  /** The API a call invokes, memoised. */
  apiOf(call: ts.CallExpression): NextApi | undefined;
}

const CONTEXT_NAMES: Record<ContextKind, string> = {
  'route-handler': 'Route Handler',
  'server-action': 'Server Action',
  middleware: 'Middleware',
  'server-component': 'Server Component',
  client: 'client module',
  'pages-router': 'Pages Router file',
  unknown: 'module',
};

export function describeContextKind(kind: ContextKind): string {
  return CONTEXT_NAMES[kind];
}

export function collectFileFacts(sourceFile: ts.SourceFile, appRelativePath: string, nextVersion: NextVersion, cronPaths: readonly string[] = []): FileFacts {
  const role = classifyFilePath(appRelativePath);
  const directives = prologueDirectives(sourceFile.statements);
  const isClientModule = directives.has('use client');
  const isServerModule = directives.has('use server');
  const fileKind: ContextKind = role.inPagesRouter ? 'pages-router' : isClientModule ? 'client' : 'unknown';
  const calls: ts.CallExpression[] = [];
  const expressionStatements: ts.ExpressionStatement[] = [];
  const functions: ts.FunctionLikeDeclaration[] = [];
  const apis = new Map<ts.CallExpression, NextApi | undefined>();
  const apiNames = knownApiNames(sourceFile);
  // Module-local functions and the identifiers naming them: a helper that only request scopes await takes their context.
  const helperCandidates = localHelperCandidates(sourceFile);
  const helperUses: ts.Identifier[] = [];
  const apiOf = (call: ts.CallExpression): NextApi | undefined => {
    if (apiNames.size === 0) return undefined;
    if (!apis.has(call)) {
      const root = calleeRootName(call);
      apis.set(call, root !== undefined && apiNames.has(root) ? calledApi(call) : undefined);
    }
    return apis.get(call);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) calls.push(node);
    else if (ts.isExpressionStatement(node)) expressionStatements.push(node);
    else if (isFunctionScope(node)) functions.push(node);
    else if (helperCandidates.size > 0 && node.kind === ts.SyntaxKind.Identifier && helperCandidates.has((node as ts.Identifier).text)) helperUses.push(node as ts.Identifier);
    ts.forEachChild(node, (child) => {
      // The parser left parents unset (see parseSource): this walk is where they are set.
      (child as { parent: ts.Node }).parent = node;
      visit(child);
    });
  };
  // One walk collects what the rules and the context classification need.
  visit(sourceFile);
  const scopes = findRequestScopes(sourceFile, { role, isClientModule, isServerModule }, functions);
  const syntacticScopes = new Map(scopes);
  const served = new Map<ts.Node, ServedBy>();

  const contextOf = (node: ts.Node): ScopeContext => contextAt(node, scopes, fileKind, served);
  const describeContext = (context: ContextKind | ScopeContext): string => {
    if (typeof context === 'object' && context.served) return context.served.description;
    const kind = typeof context === 'object' ? context.kind : context;
    return isRequestContext(kind) || kind === 'pages-router' || kind === 'client' ? `${CONTEXT_NAMES[kind]} (${role.path})` : role.path;
  };

  // Calls are in document order, so an outer `after` is always seen before the ones nested in it.
  const byCallback = new Map<ts.Node, AfterCall>();
  const afterCalls: AfterCall[] = [];
  const waitUntilArguments = new Set<ts.Node>();
  for (const call of calls) {
    const api = apiOf(call);
    if (api === 'after' || api === 'unstable_after') {
      const first = call.arguments[0] && skipOuterExpressions(call.arguments[0]);
      const callbackIsInline = first !== undefined && isFunctionExpressionLike(first);
      const callback = callbackIsInline ? (first as ts.ArrowFunction) : first && ts.isIdentifier(first) ? localFunction(first) : undefined;
      const parent = innermostAfter(call, byCallback);
      const record = { call, api, callback, callbackIsInline } as AfterCall;
      record.outermost = parent ? parent.outermost : record;
      afterCalls.push(record);
      if (callback) byCallback.set(callback, record);
    } else if (isWaitUntil(call, api)) {
      for (const argument of call.arguments) waitUntilArguments.add(argument);
    }
  }

  const isDeferred = (node: ts.Node): boolean => {
    for (let current: ts.Node | undefined = node; current; current = current.parent) {
      if (byCallback.has(current) || waitUntilArguments.has(current)) return true;
    }
    return false;
  };

  const servedFunctions = new Set<ts.Node>();
  /** Scopes that depend on other scopes (helpers, and every `after`'s context) are worked out again after each change. */
  const settleScopes = (): void => {
    if (helperUses.length > 0) {
      for (const [fn] of scopes) if (!syntacticScopes.has(fn) && !servedFunctions.has(fn)) scopes.delete(fn);
      localHelperScopes(helperCandidates, helperUses, contextOf, isDeferred, (fn) => scopes.has(fn), (helper, kind, caller) => {
        scopes.set(helper.fn, kind);
        served.set(helper.fn, helperServedBy(helper.name, caller, describeContext(caller), caller.served?.route ?? (role.isRouteFile ? role.path : undefined)));
      });
    }
    // Nested calls keep the context of the outermost `after` (records are in document order).
    for (const record of afterCalls) record.context = record.outermost === record ? contextOf(record.call) : record.outermost.context;
  };
  const servedList: ServedFunction[] = [];
  const serve = (functionsServed: readonly ServedFunction[]): void => {
    if (functionsServed.length === 0) return;
    servedList.push(...functionsServed);
    let byPos: Map<number, ts.Node> | undefined;
    const atPosition = (pos: number): ts.Node | undefined => {
      if (!byPos) {
        byPos = new Map();
        for (const node of [...calls, ...functions]) byPos.set(node.pos, node);
      }
      return byPos.get(pos);
    };
    for (const { fn: id, served: by } of functionsServed) {
      const fn = locateFunction(sourceFile, id, atPosition);
      // A function that is a request scope of its own (a Server Action also used by a router) keeps its own.
      if (!fn || syntacticScopes.has(fn) || servedFunctions.has(fn)) continue;
      servedFunctions.add(fn);
      scopes.set(fn, 'route-handler');
      served.set(fn, by);
    }
    settleScopes();
  };
  settleScopes();

  return {
    sourceFile,
    text: sourceFile.text,
    role,
    isClientModule,
    isServerModule,
    fileKind,
    nextVersion,
    cronPaths,
    calls,
    expressionStatements,
    afterCalls,
    contextOf,
    enclosingAfter: (node) => innermostAfter(node, byCallback),
    isDeferred,
    handleKind,
    describeContext,
    serve,
    served: servedList,
    apiOf,
  };
}

/** A helper takes its callers' context; messages say whose. */
function helperServedBy(name: string, caller: ScopeContext, callerDescription: string, route: string | undefined): ServedBy {
  const by: ServedBy = { description: `helper \`${name}\`, awaited by the ${callerDescription}`, name };
  if (route !== undefined) by.route = route;
  if (caller.served?.sendIsPurpose) by.sendIsPurpose = true;
  return by;
}

function innermostAfter(node: ts.Node, byCallback: Map<ts.Node, AfterCall>): AfterCall | undefined {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    const found = byCallback.get(current);
    if (found) return found;
  }
  return undefined;
}

/** The function a name refers to in this file: `function logVisit() {}` or `const logVisit = async () => {}`. */
function localFunction(name: ts.Identifier): ts.FunctionLikeDeclaration | undefined {
  const declaration = findDeclaration(name);
  if (declaration && ts.isFunctionDeclaration(declaration) && declaration.body) return declaration;
  if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) {
    const initializer = skipOuterExpressions(declaration.initializer);
    if (isFunctionExpressionLike(initializer)) return initializer;
  }
  return undefined;
}

/** `waitUntil(...)` from `@vercel/functions`, and `event.waitUntil(...)`/`ctx.waitUntil(...)` of platforms. */
function isWaitUntil(call: ts.CallExpression, api: NextApi | undefined): boolean {
  if (api === 'waitUntil') return true;
  return ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'waitUntil';
}

/**
 * Whether an expression is (or names a variable initialised with) `cookies()` / `draftMode()`,
 * awaited or not: `store.set()` on such a value mutates the response.
 */
function handleKind(expression: ts.Expression, depth = 0): HandleKind | undefined {
  let target = skipOuterExpressions(expression);
  if (ts.isIdentifier(target)) {
    // `const store = await cookies(); const jar = store;` — follow a few plain aliases.
    const declaration = findDeclaration(target);
    if (depth > 3 || !declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer || !ts.isIdentifier(declaration.name)) return undefined;
    return handleKind(declaration.initializer, depth + 1);
  }
  if (ts.isAwaitExpression(target)) target = skipOuterExpressions(target.expression);
  if (!ts.isCallExpression(target)) return undefined;
  const api = resolveNextApi(target.expression);
  if (api === 'cookies') return 'cookie-store';
  if (api === 'draftMode') return 'draft-mode';
  return undefined;
}
