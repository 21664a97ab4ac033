import ts from 'typescript';
import { REQUEST_APIS } from '../facts/bindings';
import type { FileFacts } from '../facts/fileFacts';
import { declarationNamed, findDeclaration, isFunctionScope, type LocalDeclaration } from '../facts/scopes';
import { enclosingFunction, isPropertyName, namesIn, uniqueName } from '../facts/statements';
import {
  accessPathOf,
  assignedIdentifiers,
  isMaximalPath,
  isReassigned,
  laterChangeOf,
  narrowedLength,
  pathPrefix,
  writtenExpression,
  type AccessPath,
  type LaterChange,
} from '../facts/valueChanges';
import { moduleOrigin } from '../sideEffects/callee';
import type { TextEdit } from '../types';
import { bindingName, HOISTED_NAMES, nameCandidates, pathNames } from './captureNames';
import { usesSemicolons } from './style';
import { indentationAt, newlineOf } from './text';

/**
 * Moving code into `after()` must change when it runs and nothing else. What the moved code reads
 * is read once the response is sent, so every read whose value could differ by then is evaluated
 * before the `after` call instead, into a `const` the moved code uses: `let` bindings and
 * parameters that are assigned again, paths TypeScript narrowed (a narrowing does not reach into a
 * callback), objects changed later in the function, clocks and random sources, and in a Server
 * Component the request APIs. What cannot be captured is described in `review`.
 */
export interface CapturePlan {
  /** Inserts the `const` declarations before the statement; absent when nothing is captured. */
  edit?: TextEdit;
  /** Set when some value could still differ: what the user should check (see `Fix.review`). */
  review?: string;
  /** Set when the moved code could not run inside `after()` at all (a request API in a Server Component's callback): no fix. */
  blocked?: string;
  /** The names of the captured values, in the order they are declared. */
  names: readonly string[];
  /** The source text of a node of the moved code, with each captured read replaced by its name. */
  textOf(node: ts.Node): string;
  /** `() => <expression>` with captured reads replaced; `async` when it still awaits something (an allowed `headers()`). */
  arrowOf(expression: ts.Expression): string;
}

interface Capture {
  /** Evaluated before `after()`: its source text becomes the initializer. */
  value: ts.Expression;
  /** Names to try, best first. */
  candidates: string[];
  /** The reads the name replaces. */
  uses: ts.Node[];
  name: string;
}

interface WalkState {
  /** Evaluated only on some runs of the moved code (`a && b`, `c ? d : e`, after `?.`). */
  conditional: boolean;
  /** Inside a function of the moved code: it runs whenever that function is called. */
  nested: boolean;
  /** Inside a `.then/.catch/.finally` callback: it ran later already before the fix. */
  continuation: boolean;
}

type ClockKind = 'now' | 'random' | 'uuid';

const CLOCK_CALLS = new Map<string, ClockKind>([
  ['Date.now', 'now'],
  ['Date', 'now'],
  ['performance.now', 'now'],
  ['process.hrtime', 'now'],
  ['process.hrtime.bigint', 'now'],
  ['Math.random', 'random'],
  ['crypto.randomUUID', 'uuid'],
]);
const CLOCK_NAMES: Record<ClockKind, string> = { now: 'now', random: 'random', uuid: 'uuid' };
const CLOCK_SOURCES: Record<ClockKind, string> = { now: 'clock', random: 'random source', uuid: 'random source' };

const ARITHMETIC = new Set([
  ts.SyntaxKind.PlusToken,
  ts.SyntaxKind.MinusToken,
  ts.SyntaxKind.AsteriskToken,
  ts.SyntaxKind.SlashToken,
  ts.SyntaxKind.PercentToken,
  ts.SyntaxKind.AsteriskAsteriskToken,
]);

/**
 * Plans what to capture for `deferred` (the code that will run inside `after()`, in source order),
 * with the declarations going right before `anchor`. Without an anchor (a statement that is not in
 * a block), nothing can be captured and any value that needs it makes the plan a review.
 */
export function planCaptures(facts: FileFacts, deferred: readonly ts.Node[], anchor: ts.Statement | undefined): CapturePlan {
  const { sourceFile, text } = facts;
  if (deferred.length === 0) return { names: [], textOf: (node) => node.getText(sourceFile), arrowOf: (node) => `() => ${node.getText(sourceFile)}` };
  const ranges = deferred.map((node) => ({ start: node.getStart(sourceFile), end: node.getEnd() }));
  const last = deferred[deferred.length - 1]!;
  const scope: ts.Node = enclosingFunction(last) ?? sourceFile;
  const position = (anchor ?? last).getStart(sourceFile);
  const deferredEnd = Math.max(...ranges.map((range) => range.end));
  const loops = loopRanges(last, scope, sourceFile);
  const insideDeferred = (node: ts.Node): boolean => {
    const start = node.getStart(sourceFile);
    return ranges.some((range) => start >= range.start && node.getEnd() <= range.end);
  };
  const isLater = (at: number): boolean => !ranges.some((range) => at >= range.start && at < range.end) && (at >= deferredEnd || loops.some((loop) => at >= loop.start && at < loop.end));
  const afterContext = facts.enclosingAfter(last)?.context ?? facts.contextOf(last);
  const serverComponent = afterContext.kind === 'server-component';

  const captures: Capture[] = [];
  const byKey = new Map<string, Capture>();
  const reviews: string[] = [];
  let blocked: string | undefined;
  const review = (sentence: string): void => {
    if (!reviews.includes(sentence)) reviews.push(sentence);
  };
  const bindingIds = new Map<LocalDeclaration | string, number>();
  const keyOf = (binding: LocalDeclaration | string, names: readonly string[]): string => {
    if (!bindingIds.has(binding)) bindingIds.set(binding, bindingIds.size);
    return `${bindingIds.get(binding)}:${names.join('.')}`;
  };
  const capture = (key: string | undefined, value: ts.Expression, use: ts.Node, candidates: string[]): void => {
    const existing = key === undefined ? undefined : byKey.get(key);
    if (existing) {
      existing.uses.push(use);
      return;
    }
    const created: Capture = { value, candidates, uses: [use], name: '' };
    captures.push(created);
    if (key !== undefined) byKey.set(key, created);
  };

  // Objects the moved code dereferences on every run: reading one of their properties cannot throw.
  const dereferenced = new Set<string>();
  const conditionalReads: { read: Read; needs: Needs }[] = [];
  const captureRoot = (path: AccessPath): void =>
    capture(keyOf(path.binding, []), path.root, path.root, nameCandidates(path.root, [bindingName(path.root.text)], path.root.text));
  const capturePath = (path: AccessPath): void =>
    capture(keyOf(path.binding, path.names), path.node, path.node, nameCandidates(path.node, pathNames(path.root.text, path.names), path.names[path.names.length - 1]));

  const readPath = (read: Read, state: WalkState): void => {
    const { path } = read;
    if (path.declaration && insideDeferred(path.declaration)) return;
    const needs: Needs = { reassigned: isReassigned(path.declaration), narrowed: narrowedLength(scope, path, position), change: laterChangeOf(scope, path, isLater) };
    const shown = `\`${path.node.getText(sourceFile)}\``;
    if (needs.change === 'review') review(`${shown} reads an object this function changes later, and the moved code would see the change`);
    if (state.nested) {
      if (needs.reassigned) captureRoot(path);
      if (needs.change === 'capture') review(`${shown} changes later in this function, and a callback in the moved code reads it`);
      return;
    }
    if (state.conditional || read.splitsOptionalChain) {
      conditionalReads.push({ read, needs });
      return;
    }
    for (let length = 0; length < path.names.length + (read.called ? 1 : 0); length++) dereferenced.add(keyOf(path.binding, path.names.slice(0, length)));
    if (path.names.length === 0) {
      if (needs.reassigned) captureRoot(path);
    } else if (needs.reassigned || needs.narrowed > 0 || needs.change === 'capture') {
      capturePath(path);
    }
  };

  /**
   * A read under a condition is captured when reading it now cannot throw where the moved code would
   * not have read it: the same path is captured already, or its object is dereferenced on every run
   * anyway; a narrowed start of it is, since the narrowing condition read it (`if (a.b)`, then
   * `x ? a.b.c : y` reads `a.b` now). Otherwise only a reassigned binding is captured, and what else
   * could differ asks for a review.
   */
  const readConditionally = ({ read, needs }: { read: Read; needs: Needs }): void => {
    const { path } = read;
    if (!read.splitsOptionalChain && path.names.length > 0) {
      const whole = byKey.has(keyOf(path.binding, path.names)) || dereferenced.has(keyOf(path.binding, path.names.slice(0, -1)));
      if (whole && (needs.reassigned || needs.narrowed > 0 || needs.change === 'capture')) {
        capturePath(path);
        return;
      }
      if (!needs.reassigned && needs.narrowed > 0 && needs.change !== 'capture') {
        capturePath(pathPrefix(path, needs.narrowed));
        return;
      }
    }
    if (needs.reassigned) captureRoot(path);
    if (needs.narrowed > 0 || needs.change === 'capture') {
      review(`\`${path.node.getText(sourceFile)}\` is read under a condition in the moved code, and could differ once the response is sent`);
    }
  };

  const writeIn = (target: ts.Expression): void => {
    const roots = assignedIdentifiers(target);
    const object = accessPathOf(ts.isElementAccessExpression(target) ? target.expression : target);
    if (object) roots.push(object.root);
    for (const root of roots) {
      const declaration = findDeclaration(root);
      if (declaration && !insideDeferred(declaration)) {
        review(`the moved code changes \`${target.getText(sourceFile)}\`, and the rest of this function would no longer see the change`);
      }
    }
  };

  // Awaits the moved code evaluates itself (not in its functions): its callback must be async unless they are captured.
  const awaits: ts.AwaitExpression[] = [];
  const visit = (node: ts.Node, state: WalkState): void => {
    if (ts.isTypeNode(node)) return;
    if (ts.isAwaitExpression(node) && !state.nested) awaits.push(node);
    if (isFunctionScope(node)) {
      const inner = { conditional: state.conditional, nested: true, continuation: state.continuation || isContinuation(node) };
      ts.forEachChild(node, (child) => visit(child, inner));
      return;
    }
    const written = writtenExpression(node);
    if (written) writeIn(written);
    const clock = clockKind(node);
    if (clock) {
      if (!state.nested) {
        const value = grownClock(node as ts.Expression, insideDeferred);
        // A grown value (`Date.now() - start`) is named by its property only: it is not `now`.
        capture(undefined, value, value, nameCandidates(value, value === node ? [CLOCK_NAMES[clock]] : []));
      } else if (!state.continuation) {
        review(`\`${node.getText(sourceFile)}\` in a callback of the moved code would read the ${CLOCK_SOURCES[clock]} once the response is sent`);
      }
      return;
    }
    const api = serverComponent && ts.isCallExpression(node) ? facts.apiOf(node) : undefined;
    if (api && REQUEST_APIS.has(api)) {
      const awaited = ts.isAwaitExpression(node.parent) ? node.parent : undefined;
      const hoisted = HOISTED_NAMES[api];
      if (state.nested || !hoisted) blocked = `\`${api}()\` cannot run inside after() in a Server Component`;
      else capture(`${api}:${awaited ? 'await' : ''}`, awaited ?? (node as ts.Expression), awaited ?? node, [hoisted]);
      return;
    }
    if (ts.isShorthandPropertyAssignment(node)) {
      const path = accessPathOf(node.name);
      if (path) readPath({ path, splitsOptionalChain: false, called: false }, state);
      return;
    }
    const read = readAt(node);
    if (read) {
      readPath(read, state);
      return;
    }
    ts.forEachChild(node, (child) => visit(child, childState(node, child, state)));
  };
  for (const node of deferred) visit(node, { conditional: false, nested: false, continuation: false });
  for (const read of conditionalReads) readConditionally(read);

  if (captures.length > 0 && !anchor) {
    review('values the moved code reads could change before it runs, and there is no statement to read them before');
    captures.length = 0;
  }
  // A name is free when nothing in the block binds or uses it and no enclosing scope declares it:
  // then the new `const` neither collides with nor shadows anything, and nothing shadows it.
  const block = anchor?.parent;
  const chosen = new Set(['after', 'unstable_after']);
  const taken = { has: (name: string): boolean => chosen.has(name) || (block !== undefined && (namesIn(block).has(name) || declarationNamed(name, block) !== undefined)) };
  for (const entry of captures) {
    entry.name = entry.candidates.find((candidate) => !taken.has(candidate)) ?? uniqueName(entry.candidates[0] ?? 'value', taken);
    chosen.add(entry.name);
  }
  const replacements = captures.flatMap((entry) => entry.uses.map((use) => replacementOf(use, entry.name, sourceFile))).sort((a, b) => a.start - b.start);
  const textOf = (node: ts.Node): string => {
    const start = node.getStart(sourceFile);
    let result = '';
    let cursor = start;
    for (const replacement of replacements) {
      if (replacement.start < cursor || replacement.end > node.getEnd()) continue;
      result += text.slice(cursor, replacement.start) + replacement.text;
      cursor = replacement.end;
    }
    return result + text.slice(cursor, node.getEnd());
  };
  const stillAwaits = (node: ts.Node): boolean =>
    awaits.some(
      (awaited) =>
        awaited.pos >= node.pos &&
        awaited.end <= node.end &&
        !replacements.some((replacement) => replacement.start <= awaited.getStart(sourceFile) && awaited.end <= replacement.end),
    );
  const plan: CapturePlan = {
    names: captures.map((entry) => entry.name),
    textOf,
    arrowOf: (expression) => `${stillAwaits(expression) ? 'async ' : ''}() => ${textOf(expression)}`,
  };
  if (reviews.length > 0) plan.review = `${reviews.join('; ')}.`.replace(/^./, (first) => first.toUpperCase());
  if (blocked) plan.blocked = blocked;
  if (captures.length > 0 && anchor) plan.edit = declarationsEdit(facts, anchor, captures);
  return plan;
}

/** The loops around `node` inside `scope`: code anywhere in them runs again after it. */
function loopRanges(node: ts.Node, scope: ts.Node, sourceFile: ts.SourceFile): { start: number; end: number }[] {
  const loops: { start: number; end: number }[] = [];
  for (let current = node.parent; current && current !== scope; current = current.parent) {
    if (ts.isForStatement(current) || ts.isForOfStatement(current) || ts.isForInStatement(current) || ts.isWhileStatement(current) || ts.isDoStatement(current)) {
      loops.push({ start: current.getStart(sourceFile), end: current.getEnd() });
    }
  }
  return loops;
}

/** `promise.then(() => ...)`: its callback already ran later than the statement, before the fix too. */
function isContinuation(fn: ts.Node): boolean {
  const call = fn.parent;
  return ts.isCallExpression(call) && call.arguments.includes(fn as ts.Expression) && ts.isPropertyAccessExpression(call.expression) && /^(then|catch|finally)$/.test(call.expression.name.text);
}

function childState(parent: ts.Node, child: ts.Node, state: WalkState): WalkState {
  if (state.conditional) return state;
  const conditional =
    (ts.isBinaryExpression(parent) && parent.right === child && isShortCircuit(parent.operatorToken.kind)) ||
    (ts.isConditionalExpression(parent) && parent.condition !== child) ||
    ((ts.isCallExpression(parent) || ts.isElementAccessExpression(parent)) && ts.isOptionalChain(parent) && parent.expression !== child);
  return conditional ? { ...state, conditional } : state;
}

function isShortCircuit(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.AmpersandAmpersandToken ||
    kind === ts.SyntaxKind.BarBarToken ||
    kind === ts.SyntaxKind.QuestionQuestionToken ||
    kind === ts.SyntaxKind.AmpersandAmpersandEqualsToken ||
    kind === ts.SyntaxKind.BarBarEqualsToken ||
    kind === ts.SyntaxKind.QuestionQuestionEqualsToken
  );
}

interface Read {
  path: AccessPath;
  /** True when capturing the path would cut an optional chain (`a?.b.c()`: `a?.b` then `.c()`). */
  splitsOptionalChain: boolean;
  /** True when a method is called on the path: its value is dereferenced too. */
  called: boolean;
}

/** Why a read could differ once the response is sent. */
interface Needs {
  reassigned: boolean;
  /** How many of its names TypeScript may have narrowed before (0: none). */
  narrowed: number;
  change: LaterChange | undefined;
}

/**
 * The value a node reads from a binding of this file: an identifier, or a whole property chain.
 * A called chain (`workspace.users.map(...)`) reads its receiver (`workspace.users`), so the method
 * is still called on the same object.
 */
function readAt(node: ts.Node): Read | undefined {
  if (ts.isIdentifier(node)) {
    if (!isReadIdentifier(node)) return undefined;
    const path = accessPathOf(node);
    return path && { path, splitsOptionalChain: false, called: false };
  }
  if (!isMaximalPath(node)) return undefined;
  const full = accessPathOf(node as ts.Expression);
  if (!full || writtenExpression(node.parent) === node) return undefined;
  const parent = node.parent;
  const called = (ts.isCallExpression(parent) || ts.isTaggedTemplateExpression(parent)) && (ts.isCallExpression(parent) ? parent.expression : parent.tag) === node;
  let read: ts.Expression = node as ts.Expression;
  if (called) {
    let inner: ts.Expression = node as ts.Expression;
    while (ts.isNonNullExpression(inner) || ts.isParenthesizedExpression(inner)) inner = inner.expression;
    if (!ts.isPropertyAccessExpression(inner)) return { path: full, splitsOptionalChain: false, called: false };
    read = inner.expression;
  }
  const path = accessPathOf(read);
  if (!path) return undefined;
  // The chain goes on after the part read (`a?.b` of `a?.b.c()`, `a?.b[0]`): a captured `a?.b` would lose the short-circuit.
  const splitsOptionalChain = (read.flags & ts.NodeFlags.OptionalChain) !== 0 && (read.parent.flags & ts.NodeFlags.OptionalChain) !== 0;
  return { path, splitsOptionalChain, called };
}

/** An identifier that reads a binding: not a property name, a declared name or a label (types are not walked). */
function isReadIdentifier(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  if (isPropertyName(identifier, parent) || writtenExpression(parent) === identifier) return false;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent) || ts.isMetaProperty(parent)) return false;
  if (ts.isBindingElement(parent)) return parent.initializer === identifier;
  const declaration =
    ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isFunctionDeclaration(parent) || ts.isFunctionExpression(parent) || ts.isClassDeclaration(parent) || ts.isClassExpression(parent);
  return !(declaration && parent.name === identifier);
}

/** `Date.now()`, `new Date()`, `performance.now()`, `Math.random()`, `crypto.randomUUID()`: what differs later by nature. */
function clockKind(node: ts.Node): ClockKind | undefined {
  if (ts.isNewExpression(node)) {
    return ts.isIdentifier(node.expression) && node.expression.text === 'Date' && !findDeclaration(node.expression) && !node.arguments?.length ? 'now' : undefined;
  }
  if (!ts.isCallExpression(node)) return undefined;
  // A plain chain from a global (`Date.now`), or `randomUUID` of `node:crypto`; not `getClock().now()`.
  const path = accessPathOf(node.expression);
  if (!path) return undefined;
  if (!path.declaration) return CLOCK_CALLS.get([path.root.text, ...path.names].join('.'));
  const names = [path.root.text, ...path.names];
  const origin = moduleOrigin({ names, text: names.join('.'), root: path.root });
  return origin && /^(node:)?crypto$/.test(origin.module) && origin.path === 'randomUUID' ? 'uuid' : undefined;
}

/**
 * The clock read together with the plain arithmetic around it, when that makes up a whole property
 * value: `duration: Date.now() - startTime` captures `Date.now() - startTime` as `duration`.
 */
function grownClock(clock: ts.Expression, insideDeferred: (node: ts.Node) => boolean): ts.Expression {
  let current = clock;
  for (;;) {
    const parent = current.parent;
    if (ts.isParenthesizedExpression(parent)) current = parent;
    else if (ts.isPrefixUnaryExpression(parent) && (parent.operator === ts.SyntaxKind.MinusToken || parent.operator === ts.SyntaxKind.PlusToken)) current = parent;
    else if (ts.isBinaryExpression(parent) && ARITHMETIC.has(parent.operatorToken.kind) && isPlainOperand(parent.left === current ? parent.right : parent.left, insideDeferred)) current = parent;
    else break;
  }
  return current !== clock && ts.isPropertyAssignment(current.parent) && current.parent.initializer === current ? current : clock;
}

/** Literals, reads of bindings declared outside the moved code, clocks and arithmetic of those: nothing that calls or writes. */
function isPlainOperand(node: ts.Expression, insideDeferred: (node: ts.Node) => boolean): boolean {
  if (ts.isNumericLiteral(node) || ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return true;
  if (ts.isParenthesizedExpression(node)) return isPlainOperand(node.expression, insideDeferred);
  if (ts.isPrefixUnaryExpression(node)) return (node.operator === ts.SyntaxKind.MinusToken || node.operator === ts.SyntaxKind.PlusToken) && isPlainOperand(node.operand, insideDeferred);
  if (ts.isBinaryExpression(node)) return ARITHMETIC.has(node.operatorToken.kind) && isPlainOperand(node.left, insideDeferred) && isPlainOperand(node.right, insideDeferred);
  if (clockKind(node)) return true;
  const path = accessPathOf(node);
  return path !== undefined && !(path.declaration && insideDeferred(path.declaration));
}

/** How a read is replaced: by the name, or for `{ response }` by `response: name`, or a whole `key: value` by `key` when the name is the key. */
function replacementOf(read: ts.Node, name: string, sourceFile: ts.SourceFile): TextEdit {
  // A name needs no parentheses: `(await headers()).get()` becomes `headersList.get()`.
  let use = read;
  while (ts.isParenthesizedExpression(use.parent)) use = use.parent;
  const parent = use.parent;
  if (ts.isShorthandPropertyAssignment(parent) && parent.name === use) return { start: use.getStart(sourceFile), end: use.getEnd(), text: `${parent.name.text}: ${name}` };
  if (ts.isPropertyAssignment(parent) && parent.initializer === use && ts.isIdentifier(parent.name) && parent.name.text === name) {
    return { start: parent.getStart(sourceFile), end: parent.getEnd(), text: name };
  }
  return { start: use.getStart(sourceFile), end: use.getEnd(), text: name };
}

/** `const name = value` lines before the statement, in its indentation and the file's semicolon style. */
function declarationsEdit(facts: FileFacts, anchor: ts.Statement, captures: readonly Capture[]): TextEdit {
  const { sourceFile, text } = facts;
  const start = anchor.getStart(sourceFile);
  const newline = newlineOf(text);
  const indent = indentationAt(text, start);
  // Without semicolons, a statement starting with `(` or `[` would continue the line before it.
  const semicolon = usesSemicolons(sourceFile) || /^[([`+\-/]/.test(text.slice(start, start + 1)) ? ';' : '';
  const lines = captures.map((entry) => `const ${entry.name} = ${entry.value.getText(sourceFile)}${semicolon}${newline}${indent}`);
  return { start, end: start, text: lines.join('') };
}
