import ts from 'typescript';

/** The string directives of a directive prologue ("use client", "use server", "use cache"). */
export function prologueDirectives(statements: ts.NodeArray<ts.Statement> | readonly ts.Statement[]): Set<string> {
  const found = new Set<string>();
  for (const statement of statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) break;
    found.add(statement.expression.text);
  }
  return found;
}

export function functionBodyDirectives(fn: ts.SignatureDeclaration): Set<string> {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body || !ts.isBlock(body)) return new Set();
  return prologueDirectives(body.statements);
}
