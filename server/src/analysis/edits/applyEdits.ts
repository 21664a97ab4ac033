import type ts from 'typescript';
import type { Fix, TextEdit } from '../types';
import { parseErrors, parseSource } from '../parse';

/** Applies non-overlapping edits; edits are sorted here, so callers may pass them in any order. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let result = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) throw new Error(`Overlapping edits at offset ${edit.start}`);
    result += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return result + text.slice(cursor);
}

export function editsOverlap(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  return a.some((x) => b.some((y) => x.start < y.end && y.start < x.end || (x.start === y.start && x.start === x.end && y.start === y.end)));
}

/**
 * The parsed result of a fix, when it parses with no more errors than the input had: a fix must
 * never turn working code into code that does not parse.
 */
export function fixedSource(fileName: string, text: string, fix: Fix, errorsBefore?: number): ts.SourceFile | undefined {
  let output: string;
  try {
    output = applyEdits(text, fix.edits);
  } catch {
    return undefined;
  }
  const before = errorsBefore ?? parseErrors(parseSource(fileName, text)).length;
  const parsed = parseSource(fileName, output);
  return parseErrors(parsed).length <= before ? parsed : undefined;
}

export function fixKeepsSyntax(fileName: string, text: string, fix: Fix, errorsBefore?: number): boolean {
  return fixedSource(fileName, text, fix, errorsBefore) !== undefined;
}
