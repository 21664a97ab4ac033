import ts from 'typescript';

/** The innermost node whose text covers `offset` (the token under the cursor, or just before it). */
export function nodeAt(sourceFile: ts.SourceFile, offset: number): ts.Node {
  let current: ts.Node = sourceFile;
  for (;;) {
    const child: ts.Node | undefined = ts.forEachChild(current, (node) => (node.getStart(sourceFile) <= offset && offset <= node.getEnd() ? node : undefined));
    if (!child) return current;
    current = child;
  }
}

/**
 * Whether the cursor sits in a comment (JSDoc included). Walks down the tokens (`getChildren`, which
 * unlike `forEachChild` includes punctuation) to the one whose leading trivia holds `offset`.
 * Needs parent pointers (the file-facts walk sets them).
 */
export function isInComment(sourceFile: ts.SourceFile, offset: number): boolean {
  let current: ts.Node = sourceFile;
  for (;;) {
    if (current.kind >= ts.SyntaxKind.FirstJSDocNode && current.kind <= ts.SyntaxKind.LastJSDocNode) return true;
    const child = current
      .getChildren(sourceFile)
      .find((node) => node.pos <= offset && (offset < node.end || (offset === node.end && node.kind === ts.SyntaxKind.EndOfFileToken)));
    if (!child) break;
    current = child;
  }
  if (offset >= current.getStart(sourceFile) && current.kind !== ts.SyntaxKind.EndOfFileToken) return false;
  // A comment on the line of the previous token counts as that token's trailing comment.
  const comments = [...(ts.getTrailingCommentRanges(sourceFile.text, current.pos) ?? []), ...(ts.getLeadingCommentRanges(sourceFile.text, current.pos) ?? [])];
  return comments.some(
    (comment) => comment.pos < offset && (offset < comment.end || (offset === comment.end && comment.kind === ts.SyntaxKind.SingleLineCommentTrivia)),
  );
}
