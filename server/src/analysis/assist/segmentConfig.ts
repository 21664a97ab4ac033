import ts from 'typescript';

/** The route segment config a file exports that bears on when an `after()` callback runs. */
export interface SegmentConfig {
  /** `export const maxDuration = 30`: seconds the whole invocation, `after()` work included, may take. */
  maxDuration?: string;
  /** `export const revalidate = 60` (seconds) or `false`. */
  revalidate?: string;
  /** `export const dynamic = 'force-static'` and friends. */
  dynamic?: string;
}

const KEYS = new Set<keyof SegmentConfig>(['maxDuration', 'revalidate', 'dynamic']);

/** Reads `export const <key> = <literal>` statements; other forms (computed values) are left out. */
export function segmentConfigOf(sourceFile: ts.SourceFile): SegmentConfig {
  const config: SegmentConfig = {};
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement) || !statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || !KEYS.has(declaration.name.text as keyof SegmentConfig) || !declaration.initializer) continue;
      const value = literalText(declaration.initializer);
      if (value !== undefined) config[declaration.name.text as keyof SegmentConfig] = value;
    }
  }
  return config;
}

function literalText(expression: ts.Expression): string | undefined {
  if (ts.isNumericLiteral(expression) || ts.isStringLiteralLike(expression)) return expression.text;
  if (expression.kind === ts.SyntaxKind.FalseKeyword) return 'false';
  if (ts.isAsExpression(expression) || ts.isSatisfiesExpression(expression) || ts.isParenthesizedExpression(expression)) return literalText(expression.expression);
  return undefined;
}
