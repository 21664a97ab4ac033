import ts from 'typescript';
import { findDeclaration, isFunctionScope, type LocalDeclaration } from './scopes';

/**
 * What a deferring fix must know about the values its moved code reads: which bindings are
 * assigned again, which property paths a condition narrowed, which objects are changed, and where.
 * Syntactic, like the rest of the facts: a name resolves through the file's own scopes.
 */

/** `workspace.id`, `process.env.KEY`: a binding and the property names read after it. */
export interface AccessPath {
  node: ts.Expression;
  root: ts.Identifier;
  /** Where the root is declared in this file; undefined for a global (`process`). */
  declaration: LocalDeclaration | undefined;
  /** What two paths must share to read the same binding: the declaration, or a global's name. */
  binding: LocalDeclaration | string;
  names: readonly string[];
}

/** The path an expression reads when it is a plain chain of property reads from an identifier. */
export function accessPathOf(node: ts.Expression): AccessPath | undefined {
  const names: string[] = [];
  let current: ts.Expression = node;
  for (;;) {
    if (ts.isPropertyAccessExpression(current) && ts.isIdentifier(current.name)) {
      names.unshift(current.name.text);
      current = current.expression;
    } else if (ts.isNonNullExpression(current) || ts.isParenthesizedExpression(current)) {
      current = current.expression;
    } else {
      break;
    }
  }
  if (!ts.isIdentifier(current)) return undefined;
  const declaration = findDeclaration(current);
  return { node, root: current, declaration, binding: declaration ?? current.text, names };
}

/** The first `length` names of a path, with the node that reads them (`workspace.plan` of `workspace.plan.tier`). */
export function pathPrefix(path: AccessPath, length: number): AccessPath {
  let node = path.node;
  for (let names = path.names.length; names > length; names--) {
    while (ts.isNonNullExpression(node) || ts.isParenthesizedExpression(node)) node = node.expression;
    node = (node as ts.PropertyAccessExpression).expression;
  }
  return { ...path, node, names: path.names.slice(0, length) };
}

/** `left = ...`, `left += ...`, `left++`, `for (left of ...)`: the expression written to, if `node` writes. */
export function writtenExpression(node: ts.Node): ts.Expression | undefined {
  if (ts.isBinaryExpression(node) && isAssignmentOperator(node.operatorToken.kind)) return node.left;
  if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && isIncrementOrDecrement(node.operator)) return node.operand;
  if ((ts.isForOfStatement(node) || ts.isForInStatement(node)) && !ts.isVariableDeclarationList(node.initializer)) return node.initializer;
  if (ts.isDeleteExpression(node)) return node.expression;
  return undefined;
}

function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

function isIncrementOrDecrement(operator: ts.SyntaxKind): boolean {
  return operator === ts.SyntaxKind.PlusPlusToken || operator === ts.SyntaxKind.MinusMinusToken;
}

/** The identifiers a write target assigns: `x`, and every name of `[a, { b }] = ...`. */
export function assignedIdentifiers(target: ts.Expression, found: ts.Identifier[] = []): ts.Identifier[] {
  if (ts.isParenthesizedExpression(target) || ts.isNonNullExpression(target)) return assignedIdentifiers(target.expression, found);
  if (ts.isIdentifier(target)) found.push(target);
  else if (ts.isBinaryExpression(target) && target.operatorToken.kind === ts.SyntaxKind.EqualsToken) assignedIdentifiers(target.left, found);
  else if (ts.isSpreadElement(target)) assignedIdentifiers(target.expression, found);
  else if (ts.isArrayLiteralExpression(target)) for (const element of target.elements) assignedIdentifiers(element, found);
  else if (ts.isObjectLiteralExpression(target)) {
    for (const property of target.properties) {
      if (ts.isPropertyAssignment(property)) assignedIdentifiers(property.initializer, found);
      else if (ts.isShorthandPropertyAssignment(property)) found.push(property.name);
      else if (ts.isSpreadAssignment(property)) assignedIdentifiers(property.expression, found);
    }
  }
  return found;
}

/** The function (or file) whose code can assign a binding: where its declaration lives. */
function containerOf(declaration: ts.Node): ts.Node {
  for (let current = declaration.parent; current; current = current.parent) {
    if (isFunctionScope(current) || ts.isSourceFile(current)) return current;
  }
  return declaration.getSourceFile();
}

const assignedByContainer = new WeakMap<ts.Node, Set<LocalDeclaration>>();

/** Whether a `let`/`var` binding or a parameter is assigned anywhere besides its declaration. */
export function isReassigned(declaration: LocalDeclaration | undefined): boolean {
  if (!declaration || !ts.isVariableDeclaration(declaration) && !ts.isParameter(declaration) && !ts.isBindingElement(declaration)) return false;
  const container = containerOf(declaration);
  let assigned = assignedByContainer.get(container);
  if (!assigned) {
    const found = new Set<LocalDeclaration>();
    const visit = (node: ts.Node): void => {
      const target = writtenExpression(node);
      if (target && !ts.isDeleteExpression(node)) {
        for (const identifier of assignedIdentifiers(target)) {
          const resolved = findDeclaration(identifier);
          if (resolved) found.add(resolved);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(container);
    assigned = found;
    assignedByContainer.set(container, assigned);
  }
  return assigned.has(declaration);
}

/** A place where a path is narrowed (a condition, an assertion, an assignment) or changed. */
interface PathEvent {
  binding: LocalDeclaration | string;
  names: readonly string[];
  at: number;
}

/** Where a narrowing holds: inside `[at, end)`, and after `end` too when `holdsAfter`. */
interface Narrowing extends PathEvent {
  end: number;
  holdsAfter: boolean;
}

interface Mutation extends PathEvent {
  /** True when the object at `names` changes inside (`push`, `x[k] = ...`); false when the slot `names` gets a new value. */
  contents: boolean;
}

interface ScopeChanges {
  /** Paths narrowed in the function's own body (not in nested functions, whose narrowing stays there). */
  narrowings: Narrowing[];
  /** Changes to objects anywhere in the function, nested functions included. */
  mutations: Mutation[];
}

/** Methods that change the object they are called on. */
const MUTATING_METHODS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'set', 'delete', 'clear', 'add', 'append']);

const changesByScope = new WeakMap<ts.Node, ScopeChanges>();

function scopeChanges(scope: ts.Node): ScopeChanges {
  const cached = changesByScope.get(scope);
  if (cached) return cached;
  const changes: ScopeChanges = { narrowings: [], mutations: [] };
  const sourceFile = scope.getSourceFile();
  const visit = (node: ts.Node, nested: boolean): void => {
    if (node !== scope && isFunctionScope(node)) nested = true;
    const written = writtenExpression(node);
    const writtenPath = written && !ts.isIdentifier(written) ? mutatedPath(written) : undefined;
    if (writtenPath) changes.mutations.push({ binding: writtenPath.binding, names: writtenPath.names, contents: writtenPath.contents, at: node.getStart(sourceFile) });
    const receiver = ts.isCallExpression(node) ? mutatedReceiver(node) : undefined;
    if (receiver) changes.mutations.push({ binding: receiver.binding, names: receiver.names, contents: true, at: node.getStart(sourceFile) });
    if (!nested && isMaximalPath(node)) {
      // Most paths narrow nothing: resolve the binding only of those that do.
      const region = narrowingRegion(node, sourceFile);
      const path = region ? accessPathOf(node as ts.Expression) : undefined;
      if (region && path && path.names.length > 0) changes.narrowings.push({ binding: path.binding, names: path.names, ...region });
    }
    ts.forEachChild(node, (child) => visit(child, nested));
  };
  visit(scope, false);
  changesByScope.set(scope, changes);
  return changes;
}

/** `a.b = v` changes the slot `a.b`; `a.b[k] = v` and `delete a.b[k]` change the object `a.b`. */
function mutatedPath(target: ts.Expression): (AccessPath & { contents: boolean }) | undefined {
  if (ts.isElementAccessExpression(target)) {
    const object = accessPathOf(target.expression);
    return object && { ...object, contents: true };
  }
  const path = accessPathOf(target);
  return path && path.names.length > 0 ? { ...path, contents: false } : undefined;
}

/**
 * `items.push(x)`, `Object.assign(settings, ...)`: the object the call changes. Only for objects the
 * file makes itself: `redis.set()` on an imported client changes a store, not the object read.
 */
function mutatedReceiver(call: ts.CallExpression): AccessPath | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const object =
    ts.isIdentifier(callee.expression) && callee.expression.text === 'Object' && callee.name.text === 'assign' && call.arguments[0]
      ? accessPathOf(call.arguments[0])
      : MUTATING_METHODS.has(callee.name.text)
        ? accessPathOf(callee.expression)
        : undefined;
  return object?.declaration && !isImported(object.declaration) ? object : undefined;
}

function isImported(declaration: LocalDeclaration): boolean {
  return ts.isImportSpecifier(declaration) || ts.isImportClause(declaration) || ts.isNamespaceImport(declaration) || ts.isImportEqualsDeclaration(declaration);
}

/** True for the outermost node of a property chain (`a.b.c`, not its `a.b`). */
export function isMaximalPath(node: ts.Node): boolean {
  if (!ts.isPropertyAccessExpression(node) && !ts.isNonNullExpression(node)) return false;
  const parent = node.parent;
  return !((ts.isPropertyAccessExpression(parent) || ts.isNonNullExpression(parent)) && parent.expression === node);
}

/**
 * Where TypeScript may narrow a path read at `node`, for code of the same function outside this
 * expression: in the statement whose condition reads it (`if`, loops, `switch`, through `!`,
 * `typeof`, comparisons, `&&`/`||`/`??` and type-guard calls) and after it when a branch leaves
 * (`if (!x.y) return`); after an assertion call (`invariant(x.y)`) or an assignment (`x.y = v`).
 */
function narrowingRegion(node: ts.Node, sourceFile: ts.SourceFile): { at: number; end: number; holdsAfter: boolean } | undefined {
  const region = (statement: ts.Node, holdsAfter: boolean): { at: number; end: number; holdsAfter: boolean } => ({ at: statement.getStart(sourceFile), end: statement.getEnd(), holdsAfter });
  if (writtenExpression(node.parent) === node) return region(node.parent, true);
  let current = node;
  let assertion = false;
  for (let parent = current.parent; parent; current = parent, parent = parent.parent) {
    if (ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent) || ts.isAsExpression(parent) || ts.isTypeOfExpression(parent)) continue;
    if (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) continue;
    if (ts.isBinaryExpression(parent) && (LOGICAL.has(parent.operatorToken.kind) || COMPARISONS.has(parent.operatorToken.kind))) continue;
    if (ts.isCallExpression(parent) && parent.arguments.includes(current as ts.Expression)) {
      assertion = isAssertionCall(parent);
      continue;
    }
    if (ts.isExpressionStatement(parent)) return assertion ? region(parent, true) : undefined;
    if (ts.isIfStatement(parent) && parent.expression === current) {
      return region(parent, leaves(parent.thenStatement) || (parent.elseStatement !== undefined && leaves(parent.elseStatement)));
    }
    if ((ts.isWhileStatement(parent) || ts.isDoStatement(parent) || ts.isSwitchStatement(parent)) && parent.expression === current) return region(parent, true);
    if (ts.isForStatement(parent) && parent.condition === current) return region(parent, true);
    return undefined;
  }
  return undefined;
}

/** `assert(x)`, `invariant(x, ...)`, `assertIsDefined(x)`: the names TypeScript assertion functions go by. */
function isAssertionCall(call: ts.CallExpression): boolean {
  const callee = call.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  return /^(assert|invariant|ensure)/i.test(name);
}

/** Whether a branch always leaves (return, throw, break, continue): then the code after it sees the narrowing. */
function leaves(statement: ts.Statement): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement) || ts.isBreakOrContinueStatement(statement)) return true;
  if (ts.isBlock(statement)) {
    const last = statement.statements[statement.statements.length - 1];
    return last !== undefined && leaves(last);
  }
  if (ts.isIfStatement(statement)) return statement.elseStatement !== undefined && leaves(statement.thenStatement) && leaves(statement.elseStatement);
  return false;
}

const LOGICAL = new Set([ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken]);

const COMPARISONS = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.InstanceOfKeyword,
  ts.SyntaxKind.InKeyword,
]);

/**
 * How much of `path` TypeScript may have narrowed at `position` in `scope`: the longest start it
 * shares with a path narrowed there (`if (partner.email)` narrows `partner.email` of what
 * `partner.email.trim()` reads: 1), 0 when none. The narrowing condition read that start, so its
 * objects were there to read. Over-approximates: a needless capture costs a line, a missed one a
 * type error.
 */
export function narrowedLength(scope: ts.Node, path: AccessPath, position: number): number {
  let longest = 0;
  for (const event of scopeChanges(scope).narrowings) {
    if (event.binding !== path.binding || event.at >= position || !(position < event.end || event.holdsAfter)) continue;
    longest = Math.max(longest, commonPrefix(event.names, path.names));
  }
  return longest;
}

/** How a later change of an object affects reading `path`: its value can be captured now, or it cannot. */
export type LaterChange = 'capture' | 'review';

/**
 * Whether code that runs after `region` starts (later in the function, or anywhere in a loop around
 * it) changes what reading `path` gives: `capture` when reading the path now keeps the value
 * (`order.status` before `order.status = 'paid'`), `review` when the object read is itself changed
 * (`order` before `order.status = 'paid'`, `items` before `items.push(x)`).
 */
export function laterChangeOf(scope: ts.Node, path: AccessPath, isLater: (position: number) => boolean): LaterChange | undefined {
  let result: LaterChange | undefined;
  for (const mutation of scopeChanges(scope).mutations) {
    if (mutation.binding !== path.binding || !isLater(mutation.at)) continue;
    const shared = commonPrefix(mutation.names, path.names);
    // The changed slot or object lies on the path read: reading the whole path now keeps its value.
    if (shared === mutation.names.length && (mutation.contents ? path.names.length > shared : true)) result ??= 'capture';
    // The path read reaches an object that changes inside: its value now and later is the same object.
    else if (shared === path.names.length) return 'review';
  }
  return result;
}

function commonPrefix(a: readonly string[], b: readonly string[]): number {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return length;
}
