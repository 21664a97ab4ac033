import ts from 'typescript';

/**
 * Whether the file ends its statements with semicolons, judged by the statements it already has,
 * so inserted code looks like the code around it.
 */
const semicolonStyle = new WeakMap<ts.SourceFile, boolean>();

export function usesSemicolons(sourceFile: ts.SourceFile): boolean {
  const known = semicolonStyle.get(sourceFile);
  if (known !== undefined) return known;
  let withSemicolon = 0;
  let without = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isVariableStatement(node) || ts.isExpressionStatement(node) || ts.isReturnStatement(node)) {
      if (sourceFile.text[node.getEnd() - 1] === ';') withSemicolon++;
      else without++;
    }
    if (withSemicolon + without < 50) ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  semicolonStyle.set(sourceFile, withSemicolon >= without);
  return withSemicolon >= without;
}

/** `'` or `"`, as the file's imports write module names. */
export function quoteOf(sourceFile: ts.SourceFile): string {
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement)) return sourceFile.text[statement.moduleSpecifier.getStart(sourceFile)] === '"' ? '"' : "'";
  }
  return "'";
}
