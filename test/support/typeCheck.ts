import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import ts from 'typescript';

/**
 * Type-checks one file of a small in-memory Next.js app with the bundled TypeScript: the file, the
 * hand-written declarations of `test/fixtures/next-types` for `next/server`, `next/headers`,
 * `next/navigation` and `@vercel/functions`, and the ES2022 library. Nothing is read from a
 * workspace; module names the stubs do not declare stay unresolved, before and after a fix alike.
 */

/** The repository root, found from wherever the bundled test runs. */
export const repositoryRoot = ((): string => {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'test', 'fixtures', 'next-types'))) return dir;
  }
  throw new Error(`no test/fixtures/next-types above ${__dirname}`);
})();

const APP = '/app';
const stubs = join(repositoryRoot, 'test', 'fixtures', 'next-types');
const STUB_FILES: Record<string, string> = {
  [`${APP}/next-env.d.ts`]: readFileSync(join(stubs, 'globals.d.ts'), 'utf8'),
  [`${APP}/node_modules/next/server.d.ts`]: readFileSync(join(stubs, 'next', 'server.d.ts'), 'utf8'),
  [`${APP}/node_modules/next/headers.d.ts`]: readFileSync(join(stubs, 'next', 'headers.d.ts'), 'utf8'),
  [`${APP}/node_modules/next/navigation.d.ts`]: readFileSync(join(stubs, 'next', 'navigation.d.ts'), 'utf8'),
  [`${APP}/node_modules/@vercel/functions/index.d.ts`]: readFileSync(join(stubs, 'vercel-functions.d.ts'), 'utf8'),
};

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.Preserve,
  allowJs: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
};

const libFolder = dirname(ts.getDefaultLibFilePath(OPTIONS));
/** Library and stub files parse once per process; only the checked file changes between programs. */
const sharedFiles = new Map<string, ts.SourceFile>();
const cache = new Map<string, readonly string[]>();

function sharedSource(fileName: string, languageVersion: ts.ScriptTarget | ts.CreateSourceFileOptions): ts.SourceFile | undefined {
  let source = sharedFiles.get(fileName);
  if (!source) {
    const text = STUB_FILES[fileName] ?? (fileName.startsWith(libFolder) && existsSync(fileName) ? readFileSync(fileName, 'utf8') : undefined);
    if (text === undefined) return undefined;
    source = ts.createSourceFile(fileName, text, languageVersion, true);
    sharedFiles.set(fileName, source);
  }
  return source;
}

/** The TypeScript diagnostics of `path` (relative to the app root) as `TS<code> <message>`, in order. */
export function typeDiagnostics(path: string, text: string): readonly string[] {
  const key = `${path}\u0000${text}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const fileName = `${APP}/${path}`;
  const host: ts.CompilerHost = {
    getSourceFile: (name, languageVersion) => (name === fileName ? ts.createSourceFile(name, text, languageVersion, true) : sharedSource(name, languageVersion)),
    getDefaultLibFileName: (options) => join(libFolder, basename(ts.getDefaultLibFilePath(options))),
    writeFile: () => undefined,
    getCurrentDirectory: () => APP,
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (name) => name === fileName || name in STUB_FILES || (name.startsWith(libFolder) && existsSync(name)),
    readFile: (name) => (name === fileName ? text : (STUB_FILES[name] ?? undefined)),
    directoryExists: (name) => name === APP || name.startsWith(`${APP}/`) || name.startsWith(libFolder),
  };
  const program = ts.createProgram({ rootNames: [fileName, `${APP}/next-env.d.ts`], options: OPTIONS, host });
  const source = program.getSourceFile(fileName)!;
  const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map(
    (diagnostic) => `TS${diagnostic.code} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`,
  );
  cache.set(key, diagnostics);
  return diagnostics;
}

/** The diagnostics `after` has more of than `before` (compared as counts of code and message: positions move). */
export function newTypeDiagnostics(path: string, before: string, after: string): string[] {
  const counts = new Map<string, number>();
  for (const diagnostic of typeDiagnostics(path, before)) counts.set(diagnostic, (counts.get(diagnostic) ?? 0) + 1);
  const added: string[] = [];
  for (const diagnostic of typeDiagnostics(path, after)) {
    const left = counts.get(diagnostic) ?? 0;
    if (left > 0) counts.set(diagnostic, left - 1);
    else added.push(diagnostic);
  }
  return added;
}
