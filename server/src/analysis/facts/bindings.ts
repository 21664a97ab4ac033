import ts from 'typescript';
import { findDeclaration, skipOuterExpressions } from './scopes';

/** The Next.js (and Vercel) functions the rules care about, by the module that exports them. */
export const KNOWN_MODULE_EXPORTS = {
  'next/server': ['after', 'unstable_after', 'connection'],
  'next/headers': ['cookies', 'headers', 'draftMode'],
  'next/navigation': ['redirect', 'permanentRedirect', 'notFound', 'forbidden', 'unauthorized'],
  '@vercel/functions': ['waitUntil'],
} as const;

type KnownModule = keyof typeof KNOWN_MODULE_EXPORTS;
export type NextApi = (typeof KNOWN_MODULE_EXPORTS)[KnownModule][number];

export const REQUEST_APIS: ReadonlySet<NextApi> = new Set<NextApi>(['cookies', 'headers', 'connection']);
export const NAVIGATION_APIS: ReadonlySet<NextApi> = new Set<NextApi>([
  'redirect',
  'permanentRedirect',
  'notFound',
  'forbidden',
  'unauthorized',
]);

function knownModule(specifier: string): KnownModule | undefined {
  const normalised = specifier.replace(/\.js$/, '');
  return normalised in KNOWN_MODULE_EXPORTS ? (normalised as KnownModule) : undefined;
}

function importedFrom(node: ts.Node): KnownModule | undefined {
  let current: ts.Node | undefined = node;
  while (current && !ts.isImportDeclaration(current)) current = current.parent;
  if (!current || !ts.isStringLiteral(current.moduleSpecifier)) return undefined;
  return knownModule(current.moduleSpecifier.text);
}

function exportOf(module: KnownModule, name: string): NextApi | undefined {
  return (KNOWN_MODULE_EXPORTS[module] as readonly string[]).includes(name) ? (name as NextApi) : undefined;
}

/**
 * Which Next.js API an expression names, following imports, aliases (`after as defer`) and
 * namespace imports (`server.after`); undefined for anything local or unknown.
 */
export function resolveNextApi(expression: ts.Expression): NextApi | undefined {
  const target = skipOuterExpressions(expression);
  if (ts.isIdentifier(target)) {
    const declaration = findDeclaration(target);
    if (!declaration || !ts.isImportSpecifier(declaration)) return undefined;
    const module = importedFrom(declaration);
    return module && exportOf(module, (declaration.propertyName ?? declaration.name).text);
  }
  if (ts.isPropertyAccessExpression(target) && ts.isIdentifier(target.expression)) {
    const declaration = findDeclaration(target.expression);
    if (!declaration || !ts.isNamespaceImport(declaration)) return undefined;
    const module = importedFrom(declaration);
    return module && exportOf(module, target.name.text);
  }
  return undefined;
}

/**
 * The local names through which a file can reach a known API: named imports of the known modules
 * and namespace imports of them. A callee whose root is none of these is not an API, which spares
 * the scope walk for nearly every call of a file.
 */
export function knownApiNames(sourceFile: ts.SourceFile): ReadonlySet<string> {
  const names = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || !knownModule(statement.moduleSpecifier.text)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
    else if (bindings) for (const element of bindings.elements) names.add(element.name.text);
  }
  return names;
}

/** The name a callee starts from: `after` of `after(...)`, `server` of `server.after(...)`. */
export function calleeRootName(call: ts.CallExpression): string | undefined {
  const target = skipOuterExpressions(call.expression);
  if (ts.isIdentifier(target)) return target.text;
  if (ts.isPropertyAccessExpression(target) && ts.isIdentifier(target.expression)) return target.expression.text;
  return undefined;
}

/** The API a call invokes directly, e.g. `headers()` or `server.after(fn)`. */
export function calledApi(call: ts.CallExpression): NextApi | undefined {
  return resolveNextApi(call.expression);
}

export interface ImportedApi {
  api: NextApi;
  /** The specifier to report on and rewrite: `after`, `after as defer`. */
  specifier: ts.ImportSpecifier;
  declaration: ts.ImportDeclaration;
}

/** Named, value-level imports of known APIs in this file. */
export function namedApiImports(sourceFile: ts.SourceFile): ImportedApi[] {
  const imports: ImportedApi[] = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const module = knownModule(statement.moduleSpecifier.text);
    const clause = statement.importClause;
    if (!module || !clause || clause.isTypeOnly || !clause.namedBindings || !ts.isNamedImports(clause.namedBindings)) continue;
    for (const specifier of clause.namedBindings.elements) {
      if (specifier.isTypeOnly) continue;
      const api = exportOf(module, (specifier.propertyName ?? specifier.name).text);
      if (api) imports.push({ api, specifier, declaration: statement });
    }
  }
  return imports;
}

/** `ns.after` uses through `import * as ns from 'next/server'`: the namespace form of an import. */
export function namespaceApiUses(sourceFile: ts.SourceFile, api: NextApi): ts.PropertyAccessExpression[] {
  const uses: ts.PropertyAccessExpression[] = [];
  // Most files have no namespace import of a known module: then there is nothing to walk for.
  const hasNamespaceImport = sourceFile.statements.some(
    (statement) =>
      ts.isImportDeclaration(statement) &&
      ts.isStringLiteral(statement.moduleSpecifier) &&
      knownModule(statement.moduleSpecifier.text) !== undefined &&
      statement.importClause?.namedBindings !== undefined &&
      ts.isNamespaceImport(statement.importClause.namedBindings),
  );
  if (!hasNamespaceImport) return uses;
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && node.name.text === api && resolveNextApi(node) === api) uses.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return uses;
}
