import ts from 'typescript';
import { isFunctionScope } from './scopes';

/** The statement that holds `node` and sits directly in a block, a case clause or the file. */
export function enclosingStatement(node: ts.Node): ts.Statement | undefined {
  for (let current: ts.Node | undefined = node; current; current = current.parent) {
    const parent = current.parent;
    if (parent && (ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isModuleBlock(parent) || ts.isCaseOrDefaultClause(parent))) {
      return ts.isStatement(current) ? current : undefined;
    }
    if (isFunctionScope(current) && current !== node) return undefined;
  }
  return undefined;
}

export function enclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionScope(current)) return current;
  }
  return undefined;
}

export function isAsyncFunction(fn: ts.FunctionLikeDeclaration): boolean {
  return (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) !== 0;
}

/** Every identifier text used in the file: a new name must avoid all of them. */
const namesByFile = new WeakMap<ts.SourceFile, Set<string>>();

export function usedNames(sourceFile: ts.SourceFile): ReadonlySet<string> {
  const cached = namesByFile.get(sourceFile);
  if (cached) return cached;
  const names = new Set<string>();
  namesByFile.set(sourceFile, names);
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return names;
}

export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix++) if (!taken.has(`${base}${suffix}`)) return `${base}${suffix}`;
}
