import ts from 'typescript';
import { REQUEST_APIS } from '../facts/bindings';
import type { FileFacts } from '../facts/fileFacts';
import { findDeclaration, isFunctionExpressionLike, skipOuterExpressions } from '../facts/scopes';
import { isAsyncFunction, returnedExpression } from '../facts/statements';
import { calleePath, moduleOrigin } from '../sideEffects/callee';
import { REGISTRATION_METHODS, ShapeBuilder, type Shape } from './shapes';

/** A name bound by an import: the module as written and the name it exports (`default`, `*` for a namespace). */
export interface ImportRef {
  from: string;
  name: string;
}

/** What a module-level function does, as far as the rules need to know. */
export interface FunctionFact {
  kind: 'function';
  /** From `async`, a declared return type, or a body that returns nothing. */
  returns?: 'promise' | 'void' | 'value';
  /** Returns whatever this callee returns: `(event) => fetch(...)`, `() => db.log(event)`. */
  returnsCall?: string;
  /** A request API (`headers`) read inside an `after()` callback of this function. */
  afterApi?: string;
  /** Callees outside `after()` that are imports or module-level names: the helper chain is followed through them. */
  calls?: string[];
  /**
   * In a `route.ts`: calls outside `after()` whose arguments lead to module-level names or functions
   * (`fetchRequestHandler({ router: appRouter })`): where a route hands its request on.
   */
  handoffs?: Shape[];
  /** Handlers it registers on an app passed in (`function routes(app) { app.get('/x', h) }`). */
  registers?: Shape[];
  /** The object it returns, when that leads to functions (an Auth.js adapter made by a function). */
  returnsShape?: Shape;
  /**
   * When the name is bound to a call that wraps the function (`os.use(fn)`, `t.middleware(fn)`,
   * `cache(fn)`): that call, for walks that read builder chains.
   */
  shape?: Shape;
}

/** A module-level value: an SDK client, an object of functions, an alias. */
export interface ValueFact {
  kind: 'value';
  /** Made from (or equal to) an import: `new Resend(key)` -> `{ from: 'resend', path: '' }`. */
  origin?: { from: string; path: string };
  /** Functions reachable as `value.member(...)`: object literal members, methods of a local class instance. */
  members?: Record<string, FunctionFact>;
  /** Another module-level name this one stands for (`export default handler`, `const log = logEvent`). */
  alias?: string;
  /** What it is made of, where that leads to functions or other names: routers, apps, auth configurations. */
  shape?: Shape;
}

export type LocalFact = FunctionFact | ValueFact;

/**
 * The exported facts of a module, from the walk that collects the file facts: small, plain data
 * (kept in the cache file), and by reference: names and module specifiers, never another module's facts.
 */
export interface ModuleSummary {
  imports: Record<string, ImportRef>;
  /** Exported name -> the module-level name it exports (`#default` for an anonymous default). */
  exports: Record<string, string>;
  /** `export { a as b } from 'x'`, `export * as ns from 'x'`. */
  reexports: Record<string, ImportRef>;
  /** `export * from 'x'`. */
  starExports: string[];
  locals: Record<string, LocalFact>;
  /** Top-level call statements that lead somewhere: `app.get('/x', handler)`, `registerRoutes(app)`. */
  effects?: Shape[];
}

/**
 * A summary's entry by name, own properties only: summaries read back from the cache file are plain
 * objects, where `toString` or `constructor` would otherwise be found on the prototype.
 */
export function entry<T>(record: Readonly<Record<string, T>> | undefined, name: string): T | undefined {
  return record !== undefined && Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined;
}

const ROUTE_FILE_NAME = /(^|[\\/])route\.(ts|tsx|js|jsx)$/;

/** The callee names followed into helpers are capped: a long function is not a longer chain. */
const MAX_CALLS_PER_FUNCTION = 40;
export const ANONYMOUS_DEFAULT = '#default';

export function summarizeModule(facts: FileFacts): ModuleSummary {
  const { sourceFile } = facts;
  const summary: ModuleSummary = { imports: Object.create(null), exports: Object.create(null), reexports: Object.create(null), starExports: [], locals: Object.create(null) };
  // The functions whose calls are attributed to a fact, in document order (they never overlap).
  const owners: { node: ts.Node; fact: FunctionFact }[] = [];
  const functionFact = (fn: ts.SignatureDeclaration): FunctionFact => {
    const fact = describeFunction(fn);
    if ((fn as ts.FunctionLikeDeclaration).body) owners.push({ node: fn, fact });
    return fact;
  };

  sourceFile.statements.forEach((statement, statementIndex) => {
    const exported = hasModifier(statement, ts.SyntaxKind.ExportKeyword);
    const isDefault = hasModifier(statement, ts.SyntaxKind.DefaultKeyword);
    if (ts.isImportDeclaration(statement)) {
      addImports(statement, summary);
    } else if (ts.isFunctionDeclaration(statement)) {
      const name = statement.name?.text ?? ANONYMOUS_DEFAULT;
      if (entry(summary.locals, name) === undefined || statement.body) summary.locals[name] = functionFact(statement);
      if (exported) summary.exports[isDefault ? 'default' : name] = name;
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name)) {
          for (const [name, fact] of destructured(declaration, summary)) {
            summary.locals[name] = fact;
            if (exported) summary.exports[name] = name;
          }
          continue;
        }
        const fact = describeVariable(declaration, functionFact);
        if (fact) summary.locals[declaration.name.text] = fact;
        if (exported) summary.exports[declaration.name.text] = declaration.name.text;
      }
    } else if (ts.isClassDeclaration(statement) && statement.name) {
      summary.locals[statement.name.text] = { kind: 'value', members: classMembers(statement, functionFact) };
      if (exported) summary.exports[isDefault ? 'default' : statement.name.text] = statement.name.text;
    } else if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
      const expression = skipOuterExpressions(statement.expression);
      if (ts.isIdentifier(expression)) summary.exports.default = expression.text;
      else {
        const fact = describeInitializer(expression, functionFact);
        if (fact) summary.locals[ANONYMOUS_DEFAULT] = fact;
        summary.exports.default = ANONYMOUS_DEFAULT;
      }
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
      addExportDeclaration(statement, summary);
    } else if (ts.isExpressionStatement(statement) && ts.isCallExpression(skipOuterExpressions(statement.expression))) {
      const effect = new ShapeBuilder().value(statement.expression, `s:${statementIndex}`);
      if (effect) (summary.effects ??= []).push(effect);
    }
  });
  attributeCalls(facts, owners, summary);
  return summary;
}

/**
 * `const { handlers, auth: nextAuth } = NextAuth(config)`: each name is a member of what the
 * initializer makes, which is kept once under a name no code can have (`#init0`).
 */
function destructured(declaration: ts.VariableDeclaration, summary: ModuleSummary): [string, ValueFact][] {
  const pattern = declaration.name;
  const first = ts.isObjectBindingPattern(pattern) ? pattern.elements.find((element) => ts.isIdentifier(element.name)) : undefined;
  const made = declaration.initializer && first ? new ShapeBuilder().value(declaration.initializer, `v:${(first.name as ts.Identifier).text}`) : null;
  if (!made || !ts.isObjectBindingPattern(pattern)) return [];
  let base = 'ref' in made ? made.ref : undefined;
  if (base === undefined) {
    base = `#init${Object.keys(summary.locals).filter((name) => name.startsWith('#init')).length}`;
    summary.locals[base] = { kind: 'value', shape: made };
  }
  const found: [string, ValueFact][] = [];
  for (const element of pattern.elements) {
    const property = element.propertyName ?? element.name;
    if (element.dotDotDotToken || !ts.isIdentifier(element.name) || !(ts.isIdentifier(property) || ts.isStringLiteral(property))) continue;
    found.push([element.name.text, { kind: 'value', shape: { ref: `${base}.${property.text}` } }]);
  }
  return found;
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((modifier) => modifier.kind === kind) ?? false);
}

function addImports(statement: ts.ImportDeclaration, summary: ModuleSummary): void {
  const clause = statement.importClause;
  if (!clause || clause.isTypeOnly || !ts.isStringLiteral(statement.moduleSpecifier)) return;
  const from = statement.moduleSpecifier.text;
  if (clause.name) summary.imports[clause.name.text] = { from, name: 'default' };
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) summary.imports[bindings.name.text] = { from, name: '*' };
  else if (bindings) {
    for (const element of bindings.elements) if (!element.isTypeOnly) summary.imports[element.name.text] = { from, name: (element.propertyName ?? element.name).text };
  }
}

function addExportDeclaration(statement: ts.ExportDeclaration, summary: ModuleSummary): void {
  const from = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
  const clause = statement.exportClause;
  if (!clause) {
    if (from) summary.starExports.push(from);
    return;
  }
  if (ts.isNamespaceExport(clause)) {
    if (from) summary.reexports[clause.name.text] = { from, name: '*' };
    return;
  }
  for (const element of clause.elements) {
    if (element.isTypeOnly) continue;
    const local = (element.propertyName ?? element.name).text;
    if (from) summary.reexports[element.name.text] = { from, name: local };
    else summary.exports[element.name.text] = local;
  }
}

function describeVariable(declaration: ts.VariableDeclaration, functionFact: (fn: ts.SignatureDeclaration) => FunctionFact): LocalFact | undefined {
  if (declaration.initializer) return describeInitializer(skipOuterExpressions(declaration.initializer), functionFact, declaration.name as ts.Identifier);
  // `export declare const track: (event: string) => Promise<void>` in a .d.ts.
  const type = declaration.type;
  if (type && ts.isFunctionTypeNode(type)) return { kind: 'function', returns: returnsFromType(type.type) };
  return undefined;
}

function describeInitializer(expression: ts.Expression, functionFact: (fn: ts.SignatureDeclaration) => FunctionFact, name?: ts.Identifier): LocalFact | undefined {
  const fact = describeValue(expression, functionFact, name);
  if (isFunctionExpressionLike(expression) || !(ts.isCallExpression(expression) || ts.isNewExpression(expression) || ts.isObjectLiteralExpression(expression) || ts.isPropertyAccessExpression(expression) || ts.isAwaitExpression(expression))) return fact;
  const shape = new ShapeBuilder().value(expression, name ? `v:${name.text}` : 'd:default');
  if (!shape) return fact;
  if (fact?.kind === 'function') {
    fact.shape = shape;
    return fact;
  }
  return { ...(fact ?? { kind: 'value' }), shape };
}

function describeValue(expression: ts.Expression, functionFact: (fn: ts.SignatureDeclaration) => FunctionFact, name?: ts.Identifier): LocalFact | undefined {
  if (isFunctionExpressionLike(expression)) return functionFact(expression);
  if (ts.isObjectLiteralExpression(expression)) return { kind: 'value', members: objectMembers(expression, functionFact) };
  if (ts.isIdentifier(expression)) return { kind: 'value', alias: expression.text };
  if (ts.isCallExpression(expression)) {
    // `cache(async () => ...)`, `withRetry(async () => ...)`: calling the result runs the function passed in.
    const wrapped = expression.arguments.length > 0 ? skipOuterExpressions(expression.arguments[0]!) : undefined;
    if (wrapped && isFunctionExpressionLike(wrapped)) return functionFact(wrapped);
  }
  if (ts.isNewExpression(expression) && ts.isIdentifier(expression.expression)) {
    // An instance of a class of this module has its methods; one of an import has its origin.
    const declaration = findDeclaration(expression.expression);
    if (declaration === undefined || !ts.isClassDeclaration(declaration)) {
      const origin = name && originOf(name);
      return origin ? { kind: 'value', origin } : undefined;
    }
    return { kind: 'value', alias: expression.expression.text };
  }
  const origin = name && originOf(name);
  return origin ? { kind: 'value', origin } : undefined;
}

/** The import a module-level value is made from, through `new X()`, `x()` and member access. */
function originOf(name: ts.Identifier): ValueFact['origin'] {
  const origin = moduleOrigin({ names: [name.text], text: name.text, root: name });
  return origin && { from: origin.module, path: origin.path };
}

function objectMembers(object: ts.ObjectLiteralExpression, functionFact: (fn: ts.SignatureDeclaration) => FunctionFact): Record<string, FunctionFact> {
  const members: Record<string, FunctionFact> = Object.create(null);
  for (const property of object.properties) {
    const name = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : undefined;
    if (!name) continue;
    if (ts.isMethodDeclaration(property)) members[name] = functionFact(property);
    else if (ts.isPropertyAssignment(property)) {
      const value = skipOuterExpressions(property.initializer);
      if (isFunctionExpressionLike(value)) members[name] = functionFact(value);
    }
  }
  return members;
}

function classMembers(declaration: ts.ClassDeclaration, functionFact: (fn: ts.SignatureDeclaration) => FunctionFact): Record<string, FunctionFact> {
  const members: Record<string, FunctionFact> = Object.create(null);
  for (const member of declaration.members) {
    if (hasModifier(member, ts.SyntaxKind.StaticKeyword) || hasModifier(member, ts.SyntaxKind.PrivateKeyword) || !member.name || !ts.isIdentifier(member.name)) continue;
    if (ts.isMethodDeclaration(member)) members[member.name.text] = functionFact(member);
    else if (ts.isPropertyDeclaration(member) && member.initializer && isFunctionExpressionLike(skipOuterExpressions(member.initializer))) {
      members[member.name.text] = functionFact(skipOuterExpressions(member.initializer) as ts.ArrowFunction);
    }
  }
  return members;
}

function describeFunction(fn: ts.SignatureDeclaration): FunctionFact {
  const fact: FunctionFact = { kind: 'function' };
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (ts.isFunctionLike(fn) && body !== undefined && isAsyncFunction(fn as ts.FunctionLikeDeclaration)) fact.returns = 'promise';
  else if (fn.type) fact.returns = returnsFromType(fn.type);
  else if (body && !ts.isBlock(body)) describeReturned(skipOuterExpressions(body), fact);
  else if (body) {
    const returned = returnedExpressions(body);
    if (returned.length === 0) fact.returns = 'void';
    else if (returned.length === 1) describeReturned(skipOuterExpressions(returned[0]!), fact);
  }
  // An object of functions made by a function: an Auth.js adapter (`MyAdapter(db)`).
  const returned = ts.isFunctionLike(fn) && body ? returnedExpression(fn as ts.FunctionLikeDeclaration) : undefined;
  if (returned && ts.isObjectLiteralExpression(skipOuterExpressions(returned))) {
    const shape = new ShapeBuilder(fn).value(returned, `p:${fn.pos}`, ['>']);
    if (shape) fact.returnsShape = shape;
  }
  return fact;
}

function describeReturned(expression: ts.Expression, fact: FunctionFact): void {
  if (ts.isCallExpression(expression)) {
    const callee = calleePath(expression);
    if (callee?.root) fact.returnsCall = callee.text;
  } else if (ts.isNewExpression(expression) && ts.isIdentifier(expression.expression) && expression.expression.text === 'Promise') {
    fact.returns = 'promise';
  } else if (ts.isVoidExpression(expression)) {
    fact.returns = 'void';
  }
}

const PLAIN_VALUE_TYPES = new Set([
  ts.SyntaxKind.StringKeyword,
  ts.SyntaxKind.NumberKeyword,
  ts.SyntaxKind.BooleanKeyword,
  ts.SyntaxKind.BigIntKeyword,
  ts.SyntaxKind.SymbolKeyword,
  ts.SyntaxKind.NullKeyword,
  ts.SyntaxKind.NeverKeyword,
  ts.SyntaxKind.ObjectKeyword,
  ts.SyntaxKind.TypeLiteral,
  ts.SyntaxKind.ArrayType,
  ts.SyntaxKind.TupleType,
  ts.SyntaxKind.LiteralType,
  ts.SyntaxKind.TypePredicate,
]);

/** What a declared return type says; a type alias or `any` says nothing (it may well be a promise). */
function returnsFromType(type: ts.TypeNode): FunctionFact['returns'] {
  if (type.kind === ts.SyntaxKind.VoidKeyword || type.kind === ts.SyntaxKind.UndefinedKeyword) return 'void';
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && /^(Promise|PromiseLike)$/.test(type.typeName.text)) return 'promise';
  if (ts.isUnionTypeNode(type)) {
    const parts = type.types.map(returnsFromType);
    return parts.every((part) => part === 'void') ? 'void' : parts.every((part) => part === 'value' || part === 'void') ? 'value' : undefined;
  }
  return PLAIN_VALUE_TYPES.has(type.kind) ? 'value' : undefined;
}

/** The expressions of `return <expr>` statements of a body, not of functions nested in it. */
function returnedExpressions(body: ts.Block): ts.Expression[] {
  const found: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) found.push(node.expression);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

/**
 * Each call belongs to the summarised function around it (calls and owners are both in document
 * order): request APIs inside `after()` become `afterApi`, calls of imports and module-level names
 * outside `after()` become `calls`.
 */
function attributeCalls(facts: FileFacts, owners: { node: ts.Node; fact: FunctionFact }[], summary: ModuleSummary): void {
  if (owners.length === 0) return;
  owners.sort((a, b) => a.node.pos - b.node.pos);
  const hasAfter = facts.afterCalls.length > 0;
  // By the file's name: a summary made from disk is given an absolute path, not one from its app's root.
  const isRoute = ROUTE_FILE_NAME.test(facts.role.path);
  let index = 0;
  for (const call of facts.calls) {
    while (index < owners.length && owners[index]!.node.end <= call.pos) index++;
    if (index === owners.length) break;
    const owner = owners[index]!;
    if (call.pos < owner.node.pos) continue;
    const { fact } = owner;
    const api = facts.apiOf(call);
    if (api) {
      if (hasAfter && REQUEST_APIS.has(api) && facts.enclosingAfter(call)) fact.afterApi ??= api;
      continue;
    }
    if ((fact.calls?.length ?? 0) >= MAX_CALLS_PER_FUNCTION) continue;
    // Cheap tests first: most callees are locals, globals or methods of values, never followed.
    const root = calleeRootOf(call);
    if (root === undefined) continue;
    if (entry(summary.imports, root.text) === undefined && entry(summary.locals, root.text) === undefined) {
      const registered = registration(call, root, owner.node);
      if (registered) (fact.registers ??= []).push(registered);
      continue;
    }
    if (hasAfter && facts.enclosingAfter(call)) continue;
    const callee = calleePath(call);
    if (!callee?.root || (entry(summary.imports, callee.root.text) === undefined && !isModuleLevel(callee.root))) continue;
    fact.calls ??= [];
    if (!fact.calls.includes(callee.text)) fact.calls.push(callee.text);
    if (isRoute && call.arguments.length > 0) {
      const handoff = new ShapeBuilder().value(call, `p:${call.pos}`);
      if (handoff) (fact.handoffs ??= []).push(handoff);
    }
  }
}

/**
 * `app.get('/x', handler)` (or a chain of such calls) on a parameter of the function: the handlers
 * a function registers on the app it is given. Only calls that pass a function or a module-level
 * name are kept (`searchParams.get('q')` is not a registration).
 */
function registration(call: ts.CallExpression, root: ts.Identifier, owner: ts.Node): Shape | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !REGISTRATION_METHODS.has(callee.name.text) || isInnerLinkOfChain(call)) return undefined;
  const declaration = findDeclaration(root);
  if (!declaration || !ts.isParameter(declaration) || declaration.parent !== owner) return undefined;
  const shape = new ShapeBuilder(owner as ts.SignatureDeclaration).value(call, `p:${call.pos}`);
  return shape && 'call' in shape && shape.args.some((argument) => argument !== null && !('str' in argument)) ? shape : undefined;
}

/** `app.get(...)` inside `app.get(...).post(...)`: the outer call is recorded whole. */
function isInnerLinkOfChain(call: ts.CallExpression): boolean {
  const parent = call.parent;
  return ts.isPropertyAccessExpression(parent) && ts.isCallExpression(parent.parent) && parent.parent.expression === parent;
}

/** The identifier a callee path starts from (`a` of `a.b.c()` and of `a().b()`), without building the path. */
function calleeRootOf(call: ts.CallExpression): ts.Identifier | undefined {
  let current: ts.Expression = call.expression;
  for (;;) {
    if (ts.isPropertyAccessExpression(current) || ts.isCallExpression(current) || ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current) || ts.isAsExpression(current)) current = current.expression;
    else return ts.isIdentifier(current) ? current : undefined;
  }
}

/** Whether a name refers to a declaration at the top of its module (not a parameter or local). */
export function isModuleLevel(identifier: ts.Identifier): boolean {
  const declaration = findDeclaration(identifier);
  if (!declaration) return false;
  if (ts.isFunctionDeclaration(declaration) || ts.isClassDeclaration(declaration)) return ts.isSourceFile(declaration.parent);
  if (ts.isVariableDeclaration(declaration)) return ts.isSourceFile(declaration.parent.parent.parent);
  return false;
}
