import ts from 'typescript';
import type { RequestContextKind, ScopeContext } from './context';
import { findDeclaration, isFunctionExpressionLike, skipOuterExpressions } from './scopes';

/** A function of the module that only its request scopes call: it runs in their request. */
export interface LocalHelper {
  fn: ts.FunctionLikeDeclaration;
  name: string;
  /** What the module-level name is bound to: uses are the identifiers that resolve to it. */
  declaration: ts.FunctionDeclaration | ts.VariableDeclaration;
}

/**
 * The module-level functions that are not exported: `function notify() {}` and
 * `const notify = async () => {}`. Read from the top-level statements only, before the walk, so
 * the walk can collect the identifiers that name them.
 */
export function localHelperCandidates(sourceFile: ts.SourceFile): Map<string, LocalHelper> {
  const candidates = new Map<string, LocalHelper>();
  const exportedNames = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) exportedNames.add((element.propertyName ?? element.name).text);
    } else if (ts.isExportAssignment(statement) && ts.isIdentifier(skipOuterExpressions(statement.expression))) {
      exportedNames.add((skipOuterExpressions(statement.expression) as ts.Identifier).text);
    }
    if (isExported(statement)) continue;
    if (ts.isFunctionDeclaration(statement) && statement.name && statement.body) {
      candidates.set(statement.name.text, { fn: statement, name: statement.name.text, declaration: statement });
    } else if (ts.isVariableStatement(statement) && (statement.declarationList.flags & ts.NodeFlags.Const) !== 0) {
      for (const declaration of statement.declarationList.declarations) {
        const initializer = declaration.initializer && skipOuterExpressions(declaration.initializer);
        if (ts.isIdentifier(declaration.name) && initializer && isFunctionExpressionLike(initializer)) {
          candidates.set(declaration.name.text, { fn: initializer, name: declaration.name.text, declaration });
        }
      }
    }
  }
  for (const name of exportedNames) candidates.delete(name);
  return candidates;
}

/**
 * Module-local helpers that take a request scope's context: every use of the helper's name is a
 * call, awaited or returned, from request scopes of one kind, outside `after()` (uses inside
 * `after()` do not count; a helper used only there stays silent). Each helper found is `promote`d
 * at once, so helpers called by helpers are found by going round again; a round that adds none
 * ends it, and each helper is added once, so it ends.
 */
export function localHelperScopes(
  candidates: ReadonlyMap<string, LocalHelper>,
  uses: readonly ts.Identifier[],
  contextOf: (node: ts.Node) => ScopeContext,
  isDeferred: (node: ts.Node) => boolean,
  isScope: (fn: ts.Node) => boolean,
  promote: (helper: LocalHelper, kind: RequestContextKind, caller: ScopeContext) => void,
): void {
  const found = new Set<LocalHelper>();
  const usesOf = new Map<LocalHelper, ts.Identifier[]>();
  for (const use of uses) {
    const helper = candidates.get(use.text);
    if (!helper || use.parent === helper.declaration || use.parent === helper.fn) continue;
    const declaration = findDeclaration(use);
    if (declaration !== helper.declaration) continue;
    usesOf.set(helper, [...(usesOf.get(helper) ?? []), use]);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const [helper, helperUses] of usesOf) {
      if (found.has(helper) || isScope(helper.fn)) continue;
      const context = callersContext(helperUses, contextOf, isDeferred);
      if (!context) continue;
      found.add(helper);
      promote(helper, context.kind, context.caller);
      changed = true;
    }
  }
}

function callersContext(uses: readonly ts.Identifier[], contextOf: (node: ts.Node) => ScopeContext, isDeferred: (node: ts.Node) => boolean): { kind: RequestContextKind; caller: ScopeContext } | undefined {
  let found: { kind: RequestContextKind; caller: ScopeContext } | undefined;
  for (const use of uses) {
    const call = use.parent;
    if (!ts.isCallExpression(call) || call.expression !== use) return undefined;
    if (isDeferred(call)) continue;
    if (!isAwaitedOrReturned(call)) return undefined;
    const context = contextOf(call);
    if (context.kind !== 'route-handler' && context.kind !== 'server-action' && context.kind !== 'middleware' && context.kind !== 'server-component') return undefined;
    if (found && found.kind !== context.kind) return undefined;
    found ??= { kind: context.kind, caller: context };
  }
  return found;
}

function isAwaitedOrReturned(call: ts.CallExpression): boolean {
  let parent: ts.Node = call.parent;
  while (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isNonNullExpression(parent) || ts.isSatisfiesExpression(parent)) parent = parent.parent;
  if (ts.isAwaitExpression(parent) || ts.isReturnStatement(parent)) return true;
  return ts.isArrowFunction(parent) && parent.body === call;
}

function isExported(statement: ts.Statement): boolean {
  return ts.canHaveModifiers(statement) && (ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) ?? false);
}
