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
