import ts from 'typescript';
import type { FileFacts } from '../facts/fileFacts';
import { nextAtLeast } from '../nextVersion';
import type { Fix, TextEdit } from '../types';
import type { CapturePlan } from './captures';
import { ensureNamedImport } from './imports';
import { usesSemicolons } from './style';
import { indentationAt, indentUnitOf, newlineOf, removalRange } from './text';

/** The name to call and the import edit it needs: `unstable_after` on Next.js 15.0.x, else `after`. */
export function afterImport(facts: FileFacts): { name: string; edit?: TextEdit } {
  const exported = nextAtLeast(facts.nextVersion, '15.1.0') ? 'after' : 'unstable_after';
  const { localName, edit } = ensureNamedImport(facts.sourceFile, 'next/server', exported);
  return { name: localName, edit };
}

/** Re-indents a statement's text from its own indentation to `indent` (first line excluded). */
export function reindent(text: string, from: string, to: string, newline: string): string {
  return text
    .split(/\r?\n/)
    .map((line, index) => (index === 0 ? line : line.startsWith(from) ? to + line.slice(from.length) : line.trim() ? to + line.trimStart() : line))
    .join(newline);
}

/** Where captured values can be declared: right before a statement that sits directly in a block, a case clause or the file. */
export function captureAnchor(statement: ts.Statement | undefined): ts.Statement | undefined {
  const parent = statement?.parent;
  return parent && (ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isModuleBlock(parent) || ts.isCaseOrDefaultClause(parent)) ? statement : undefined;
}

/**
 * The anchor for a call whose argument is deferred (`waitUntil(task)`, `after(task)`): its statement,
 * when nothing else in that statement runs before the argument.
 */
export function captureAnchorOfCall(call: ts.CallExpression): ts.Statement | undefined {
  let node: ts.Node = call;
  while (ts.isParenthesizedExpression(node.parent) || ts.isVoidExpression(node.parent) || ts.isAwaitExpression(node.parent)) node = node.parent;
  return ts.isExpressionStatement(node.parent) ? captureAnchor(node.parent) : undefined;
}

/**
 * A fix that moves work into `after()`, with the declarations of its captured values; when some value
 * could still differ, the fix asks for a review and its title says what to check. No fix when the
 * moved code could not run there at all.
 */
export function deferringFix(title: string, plan: CapturePlan, edits: TextEdit[]): Fix | undefined {
  if (plan.blocked) return undefined;
  const all = plan.edit ? [plan.edit, ...edits] : edits;
  if (!plan.review) return { title, edits: all };
  return { title: `${title} (review: ${plan.review.replace(/\.$/, '').replace(/^./, (first) => first.toLowerCase())})`, edits: all, review: plan.review };
}

/**
 * Replaces `statement` by `after(async () => { ...moved, statement })`, removing the moved
 * declarations from where they were. Comments above the statement stay where they are.
 */
export function wrapStatementInAfter(facts: FileFacts, statement: ts.Statement, moved: readonly ts.Statement[], plan: CapturePlan): TextEdit[] {
  const { text, sourceFile } = facts;
  const newline = newlineOf(text);
  const start = statement.getStart(sourceFile);
  const indent = indentationAt(text, start);
  const inner = indent + indentUnitOf(text);
  const { name, edit } = afterImport(facts);
  const body = [...moved, statement]
    .map((node) => inner + reindent(plan.textOf(node), indentationAt(text, node.getStart(sourceFile)), inner, newline))
    .join(newline);
  const semicolon = usesSemicolons(sourceFile) ? ';' : '';
  const edits: TextEdit[] = moved.map((node) => ({ ...removalRange(text, node.getStart(sourceFile), node.getEnd()), text: '' }));
  edits.push({ start, end: statement.getEnd(), text: `${name}(async () => {${newline}${body}${newline}${indent}})${semicolon}` });
  if (edit) edits.push(edit);
  return edits;
}

/** `after(() => <expression>)` in place of an expression, with the import. */
export function wrapExpressionInAfter(facts: FileFacts, replaced: ts.Node, expression: ts.Expression, plan: CapturePlan): TextEdit[] {
  const { name, edit } = afterImport(facts);
  const edits: TextEdit[] = [{ start: replaced.getStart(facts.sourceFile), end: replaced.getEnd(), text: `${name}(${plan.arrowOf(expression)})` }];
  if (edit) edits.push(edit);
  return edits;
}
