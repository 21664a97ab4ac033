import ts from 'typescript';

/** The script kind TypeScript needs to parse JSX in `.tsx`/`.jsx` and types in `.ts`. */
export function scriptKindOf(fileName: string): ts.ScriptKind {
  if (/\.tsx$/i.test(fileName)) return ts.ScriptKind.TSX;
  if (/\.(jsx)$/i.test(fileName)) return ts.ScriptKind.JSX;
  if (/\.(js|mjs|cjs)$/i.test(fileName)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/**
 * Parses without parent pointers: the file-facts walk sets them as it visits every node anyway,
 * which saves TypeScript's own extra pass (and parses that only count errors never need them).
 */
export function parseSource(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, scriptKindOf(fileName));
}

/** The errors the parser recovered from (TypeScript keeps them on the source file). */
export function parseErrors(sourceFile: ts.SourceFile): readonly ts.DiagnosticWithLocation[] {
  return (sourceFile as ts.SourceFile & { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
}

/** Text that contains NUL characters is not source code, whatever its file name says. */
export function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}
