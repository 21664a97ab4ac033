import ts from 'typescript';
import type { FileFacts } from '../facts/fileFacts';
import { nextAtLeast } from '../nextVersion';
import type { TextEdit } from '../types';
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

/**
 * Replaces `statement` by `after(async () => { ...moved, statement })`, removing the moved
 * declarations from where they were. Comments above the statement stay where they are.
 */
export function wrapStatementInAfter(facts: FileFacts, statement: ts.Statement, moved: readonly ts.Statement[], asyncCallback = true): TextEdit[] {
  const { text, sourceFile } = facts;
  const newline = newlineOf(text);
  const start = statement.getStart(sourceFile);
  const indent = indentationAt(text, start);
  const inner = indent + indentUnitOf(text);
  const { name, edit } = afterImport(facts);
  const body = [...moved, statement]
    .map((node) => inner + reindent(node.getText(sourceFile), indentationAt(text, node.getStart(sourceFile)), inner, newline))
    .join(newline);
  const semicolon = usesSemicolons(sourceFile) ? ';' : '';
  const edits: TextEdit[] = moved.map((node) => ({ ...removalRange(text, node.getStart(sourceFile), node.getEnd()), text: '' }));
  edits.push({ start, end: statement.getEnd(), text: `${name}(${asyncCallback ? 'async ' : ''}() => {${newline}${body}${newline}${indent}})${semicolon}` });
  if (edit) edits.push(edit);
  return edits;
}

/** `after(() => <expression>)` in place of an expression, with the import. */
export function wrapExpressionInAfter(facts: FileFacts, replaced: ts.Node, expression: ts.Expression): TextEdit[] {
  const { name, edit } = afterImport(facts);
  const edits: TextEdit[] = [{ start: replaced.getStart(facts.sourceFile), end: replaced.getEnd(), text: `${name}(() => ${expression.getText(facts.sourceFile)})` }];
  if (edit) edits.push(edit);
  return edits;
}
