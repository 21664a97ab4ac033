import ts from 'typescript';
import { findDeclaration, isFunctionExpressionLike, skipOuterExpressions } from '../facts/scopes';
import { returnedExpression } from '../facts/statements';

/**
 * A value as it is written, kept in a module's summary only where it leads to functions: what a
 * tRPC router, a Hono app or an auth configuration is made of. Plain data (it goes in the cache
 * file) and by reference: names of this module and positions of its functions, never another
 * module's facts. The request-scope walk (requestScopes.ts) reads it; nothing here knows routers.
 */
export type Shape =
  /**
   * A function written here, by where it sits (see `FunctionId`); `returns` is what it returns,
   * when that leads somewhere.
   */
  | { fn: string; returns?: Shape }
  /** A module-level name or import, or a dotted path from one (`appRouter`, `auth.handler`). */
  | { ref: string }
  /** A parameter of the function whose calls are recorded (a Hono app passed to `registerRoutes(app)`). */
  | { param: number }
  /** An object literal's properties that lead somewhere; a spread is kept under `...<index>`. */
  | { obj: Record<string, Shape> }
  | { arr: Shape[] }
  /** One of several values (`a ?? b`, `cond ? a : b`). */
  | { any: Shape[] }
  | { call: Shape; args: (Shape | null)[]; new?: true }
  | { get: Shape; name: string }
  /** A string literal argument: Hono's route paths. */
  | { str: string };

/**
 * Where a function sits in a module, by structure rather than position, so that an edit inside a
 * function's body leaves every summary as it was: an anchor (`v:appRouter` the initializer of a
 * module-level name, `s:4` the fifth top-level statement, `p:1234` a call at that position inside
 * a function, `n:handler` a module-level function by name), `|`, then the steps from there to the
 * function, separated by `/`: `(1)` an argument, `^` a callee, `.` the object of a property
 * access, `k:create` a property (URI-encoded), `s:2` a spread, `[0]` an array element, `?t` `?f`
 * `?l` `?r` the sides of a conditional or of `??`/`||`, `>` what a function returns. `await`,
 * parentheses and type assertions are not steps. See `locateFunction` (facts/context.ts).
 */
export type FunctionId = string;

/** Imports of these packages are worth recording even as the start of a chain (`new Hono()`, `NextAuth(...)`). */
export const ROUTER_PACKAGE = /^(hono|next-auth|better-auth)(\/|$)|^@(hono|trpc|orpc|auth)\//;
/** Hono's methods that register handlers on an app, the only calls on a parameter worth recording. */
export const REGISTRATION_METHODS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'all', 'on', 'use', 'route', 'basePath', 'openapi', 'options', 'head']);

const MAX_DEPTH = 10;
/** A configuration object of a thousand keys is data, not a router: its shape stops growing here. */
const MAX_NODES = 400;

interface Built {
  shape: Shape;
  /** Whether the value leads to a function or another name: shapes that do not are dropped. */
  leads: boolean;
  /** A module-level name of this module (not an import): a chain from it (`t.procedure.use(...)`) leads. */
  local?: boolean;
}

/**
 * Builds shapes for one module. `params` is the function whose parameters become `{ param }`
 * (recorded calls inside a function); names bound anywhere else that are not module-level are
 * unknown, so their shape is null.
 */
export class ShapeBuilder {
  private nodes = 0;
  /** The functions being read, innermost last: a parameter of the innermost one becomes `{ param }`. */
  private readonly functions: ts.SignatureDeclaration[];
  /** The function whose calls on its parameters are being recorded: only its parameters start chains worth keeping. */
  private readonly recording?: ts.SignatureDeclaration;
  /** The steps from the anchor to the node being read. */
  private readonly steps: string[] = [];
  private anchor = '';

  constructor(params?: ts.SignatureDeclaration) {
    this.functions = params ? [params] : [];
    this.recording = params;
  }

  /**
   * The shape of a value found at `anchor` (and `steps` from it), or null when nothing in it
   * leads to a function or a module-level name.
   */
  value(expression: ts.Expression, anchor: string, steps: readonly string[] = []): Shape | null {
    this.nodes = 0;
    this.anchor = anchor;
    this.steps.length = 0;
    this.steps.push(...steps);
    const built = this.build(expression, 0);
    return built?.leads ? built.shape : null;
  }

  /** Reads a child node one step further from the anchor. */
  private at<T>(step: string, read: () => T): T {
    this.steps.push(step);
    try {
      return read();
    } finally {
      this.steps.pop();
    }
  }

  private build(node: ts.Expression, depth: number): Built | undefined {
    if (depth > MAX_DEPTH || ++this.nodes > MAX_NODES) return undefined;
    const expression = unwrapValue(node);
    if (isFunctionExpressionLike(expression)) return { shape: this.functionShape(expression, depth), leads: true };
    if (ts.isIdentifier(expression)) return this.name(expression, false);
    if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return { shape: { str: expression.text }, leads: false };
    if (ts.isPropertyAccessExpression(expression)) return this.access(expression, depth, false);
    if (ts.isCallExpression(expression) || ts.isNewExpression(expression)) return this.callLike(expression, depth);
    if (ts.isObjectLiteralExpression(expression)) return this.object(expression, depth);
    if (ts.isArrayLiteralExpression(expression)) return this.array(expression.elements, depth);
    if (ts.isConditionalExpression(expression)) return this.oneOf([['?t', expression.whenTrue], ['?f', expression.whenFalse]], depth);
    if (ts.isBinaryExpression(expression) && isAlternative(expression.operatorToken.kind)) return this.oneOf([['?l', expression.left], ['?r', expression.right]], depth);
    return undefined;
  }

  /**
   * A name as a value leads when it is module-level; as the start of a chain, when it is a router
   * package's import, or a local with members taken from it (`t.router`, `app.basePath('/api')`).
   */
  private name(identifier: ts.Identifier, asRoot: boolean): Built | undefined {
    const declaration = findDeclaration(identifier);
    if (!declaration) return undefined;
    const fn = this.functions[this.functions.length - 1];
    if (ts.isParameter(declaration) && fn && declaration.parent === fn) return { shape: { param: fn.parameters.indexOf(declaration) }, leads: asRoot && fn === this.recording };
    const imported = importSpecifierOf(declaration);
    if (imported !== undefined) return { shape: { ref: identifier.text }, leads: !asRoot || ROUTER_PACKAGE.test(imported) };
    if (!isTopLevel(declaration)) return undefined;
    // A function of the module may make what a configuration is made of (`adapter: appAdapter(db)`); a class does not.
    return { shape: { ref: identifier.text }, leads: !asRoot || ts.isFunctionDeclaration(declaration), local: true };
  }

  private access(expression: ts.PropertyAccessExpression, depth: number, asRoot: boolean): Built | undefined {
    const names: string[] = [];
    let current: ts.Expression = expression;
    while (ts.isPropertyAccessExpression(current)) {
      names.unshift(current.name.text);
      current = unwrapValue(current.expression);
    }
    const base = current;
    const root = ts.isIdentifier(base) ? this.name(base, true) : this.at(names.map(() => '.').join('/'), () => this.build(base, depth + 1));
    if (!root) return undefined;
    const leads = root.leads || root.local === true || (!asRoot && 'ref' in root.shape);
    if ('ref' in root.shape) return { shape: { ref: [root.shape.ref, ...names].join('.') }, leads };
    let shape = root.shape;
    for (const name of names) shape = { get: shape, name };
    return { shape, leads };
  }

  private callLike(expression: ts.CallExpression | ts.NewExpression, depth: number): Built | undefined {
    const calleeNode = unwrapValue(expression.expression);
    const callee = this.at('^', () => (ts.isIdentifier(calleeNode) ? this.name(calleeNode, true) : ts.isPropertyAccessExpression(calleeNode) ? this.access(calleeNode, depth + 1, true) : this.build(calleeNode, depth + 1)));
    if (!callee) return undefined;
    let leads = callee.leads;
    const args = (expression.arguments ?? []).map((argument, index) => {
      if (ts.isSpreadElement(argument)) return null;
      const built = this.at(`(${index})`, () => this.build(argument, depth + 1));
      if (!built) return null;
      leads ||= built.leads;
      return built.shape;
    });
    const shape: Shape = ts.isNewExpression(expression) ? { call: callee.shape, args, new: true } : { call: callee.shape, args };
    return { shape, leads };
  }

  private object(object: ts.ObjectLiteralExpression, depth: number): Built | undefined {
    const obj: Record<string, Shape> = Object.create(null);
    let leads = false;
    object.properties.forEach((property, index) => {
      let key: string | undefined;
      let built: Built | undefined;
      if (ts.isSpreadAssignment(property)) {
        key = `...${index}`;
        built = this.at(`s:${index}`, () => this.build(property.expression, depth + 1));
      } else if (ts.isShorthandPropertyAssignment(property)) {
        key = property.name.text;
        built = this.name(property.name, false);
      } else if (ts.isPropertyAssignment(property)) {
        const name = propertyKey(property.name);
        key = name;
        built = name === undefined ? undefined : this.at(`k:${encodeURIComponent(name)}`, () => this.build(property.initializer, depth + 1));
      } else if (ts.isMethodDeclaration(property)) {
        const name = propertyKey(property.name);
        key = name;
        built = name === undefined ? undefined : this.at(`k:${encodeURIComponent(name)}`, () => ({ shape: this.functionShape(property, depth), leads: true }));
      }
      if (key === undefined || !built?.leads) return;
      obj[key] = built.shape;
      leads = true;
    });
    return leads ? { shape: { obj }, leads } : undefined;
  }

  private array(elements: ts.NodeArray<ts.Expression>, depth: number): Built | undefined {
    const arr: Shape[] = [];
    elements.forEach((element, index) => {
      const built = this.at(`[${index}]`, () => this.build(ts.isSpreadElement(element) ? element.expression : element, depth + 1));
      if (built?.leads) arr.push(built.shape);
    });
    return arr.length > 0 ? { shape: { arr }, leads: true } : undefined;
  }

  private oneOf(expressions: readonly [string, ts.Expression][], depth: number): Built | undefined {
    const any = expressions.map(([step, expression]) => this.at(step, () => this.build(expression, depth + 1))).filter((built): built is Built => built?.leads === true);
    if (any.length === 0) return undefined;
    return { shape: any.length === 1 ? any[0]!.shape : { any: any.map((built) => built.shape) }, leads: true };
  }

  private functionShape(fn: ts.FunctionLikeDeclaration, depth: number): Shape {
    const id = `${this.anchor}|${this.steps.join('/')}`;
    const returned = returnedExpression(fn);
    if (!returned) return { fn: id };
    // What it returns is read with its own parameters: `NextAuth((req) => ({ ... }))`.
    this.functions.push(fn);
    const built = this.at('>', () => this.build(returned, depth + 1));
    this.functions.pop();
    return built?.leads ? { fn: id, returns: built.shape } : { fn: id };
  }
}

/** What a value is, through parentheses, `as`, `satisfies`, `!` and `await`: the steps of a `FunctionId` see through them. */
export function unwrapValue(node: ts.Expression): ts.Expression {
  let current = skipOuterExpressions(node);
  while (ts.isAwaitExpression(current)) current = skipOuterExpressions(current.expression);
  return current;
}

function isAlternative(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.QuestionQuestionToken || kind === ts.SyntaxKind.BarBarToken;
}

function propertyKey(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : undefined;
}

function importSpecifierOf(declaration: ts.Node): string | undefined {
  if (!ts.isImportSpecifier(declaration) && !ts.isImportClause(declaration) && !ts.isNamespaceImport(declaration)) return undefined;
  let current: ts.Node | undefined = declaration;
  while (current && !ts.isImportDeclaration(current)) current = current.parent;
  return current && ts.isStringLiteral(current.moduleSpecifier) ? current.moduleSpecifier.text : '';
}

function isTopLevel(declaration: ts.Node): boolean {
  if (ts.isFunctionDeclaration(declaration) || ts.isClassDeclaration(declaration)) return ts.isSourceFile(declaration.parent);
  if (ts.isVariableDeclaration(declaration)) return ts.isSourceFile(declaration.parent.parent.parent);
  if (ts.isBindingElement(declaration)) {
    let current: ts.Node = declaration;
    while (ts.isBindingElement(current) || ts.isObjectBindingPattern(current) || ts.isArrayBindingPattern(current)) current = current.parent;
    return ts.isVariableDeclaration(current) && ts.isSourceFile(current.parent.parent.parent);
  }
  return false;
}
