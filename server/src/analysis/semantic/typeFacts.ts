import ts from 'typescript';
import { REQUEST_APIS } from '../facts/bindings';
import { collectFileFacts } from '../facts/fileFacts';
import { skipOuterExpressions } from '../facts/scopes';
import type { CalleePath, ModuleOrigin } from '../sideEffects/callee';

/**
 * What the rules may ask about other files: answered by the project index (by default) or by the
 * type checker (`--types`, `typeAware: full`); a rule does not know which. Absent only where no
 * index is given (a lone text analysed on its own).
 */
export interface TypeFacts {
  /** Whether the call's type is a promise (thenable); undefined when the checker cannot tell. */
  returnsPromise(call: ts.CallExpression): boolean | undefined;
  /**
   * When the called function (in any file, following calls a few levels deep) calls `after()`
   * with a request API inside its callback: a description of where, for the message.
   */
  requestApiInAfterBehind(call: ts.CallExpression): string | undefined;
  /**
   * The package a callee ultimately comes from, through the project's modules
   * (`mailer.emails.send` with `export const mailer = new Resend(key)` in lib/email.ts -> `resend`,
   * `emails.send`); undefined when it does not lead out of the project.
   */
  originOf?(callee: CalleePath): ModuleOrigin | undefined;
}

/**
 * One link of the helper chain that request-api-in-after names, the same whether the checker or the
 * project index found it: `` `recordView` (lib/visits.ts) calls `remember` (chain/c.ts) calls after() with `headers()` inside ``.
 */
export function helperLink(name: string, fileName: string | undefined, next: { api: string } | { deeper: string }): string {
  const where = fileName ? ` (${fileName.split(/[\\/]/).slice(-2).join('/')})` : '';
  return `\`${name}\`${where} calls ${'api' in next ? `after() with \`${next.api}()\` inside` : next.deeper}`;
}

/** The checker's answer where it has one, the index's otherwise. */
export function combineFacts(checker: TypeFacts, index: TypeFacts): TypeFacts {
  return {
    returnsPromise: (call) => checker.returnsPromise(call) ?? index.returnsPromise(call),
    requestApiInAfterBehind: (call) => checker.requestApiInAfterBehind(call) ?? index.requestApiInAfterBehind(call),
    originOf: (callee) => checker.originOf?.(callee) ?? index.originOf?.(callee),
  };
}

/** A program that holds the analysed file: the source file the engine analyses comes from it. */
export interface TypeInfo {
  program: ts.Program;
  sourceFile: ts.SourceFile;
}

const MAX_HELPER_DEPTH = 3;

export function createTypeFacts({ program }: TypeInfo): TypeFacts {
  const checker = program.getTypeChecker();
  const helperCache = new Map<ts.Node, string | null>();

  const returnsPromise = (call: ts.CallExpression): boolean | undefined => {
    const type = checker.getTypeAtLocation(call);
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return undefined;
    if (type.flags & ts.TypeFlags.Void) return false;
    const parts = type.isUnion() ? type.types : [type];
    const thenable = parts.some((part) => {
      const then = part.getProperty('then');
      return then !== undefined && checker.getTypeOfSymbol(then).getCallSignatures().length > 0;
    });
    if (thenable) return true;
    // An unresolved Promise (no lib files) still names itself.
    return /^Promise</.test(checker.typeToString(type)) ? true : false;
  };

  /** The function declaration a call lands on, through imports, aliases and re-exports. */
  const calledFunction = (call: ts.CallExpression): ts.FunctionLikeDeclaration | undefined => {
    let symbol = checker.getSymbolAtLocation(skipOuterExpressions(call.expression));
    if (!symbol) return undefined;
    if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    for (const declaration of symbol.declarations ?? []) {
      if ((ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)) && declaration.body) return declaration;
      if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
        const init = skipOuterExpressions(declaration.initializer);
        if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
      }
    }
    return undefined;
  };

  const nameOf = (fn: ts.FunctionLikeDeclaration): string =>
    fn.name && ts.isIdentifier(fn.name) ? fn.name.text : ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name) ? fn.parent.name.text : 'a helper';

  const behind = (fn: ts.FunctionLikeDeclaration, depth: number): string | undefined => {
    const cached = helperCache.get(fn);
    if (cached !== undefined) return cached ?? undefined;
    helperCache.set(fn, null);
    let found: string | undefined;
    const file = fn.getSourceFile();
    // Syntactic facts of the helper's file: which after() callbacks read request APIs.
    const facts = collectFileFacts(file, file.fileName, undefined);
    for (const call of facts.calls) {
      if (call.pos < fn.pos || call.end > fn.end) continue;
      const api = facts.apiOf(call);
      if (api && REQUEST_APIS.has(api) && facts.enclosingAfter(call)) {
        found = helperLink(nameOf(fn), file.fileName, { api });
        break;
      }
      if (depth < MAX_HELPER_DEPTH && !facts.enclosingAfter(call)) {
        const next = calledFunction(call);
        const deeper = next && next !== fn ? behind(next, depth + 1) : undefined;
        if (deeper) {
          found = helperLink(nameOf(fn), file.fileName, { deeper });
          break;
        }
      }
    }
    helperCache.set(fn, found ?? null);
    return found;
  };

  return {
    returnsPromise,
    requestApiInAfterBehind(call) {
      const fn = calledFunction(call);
      if (!fn || fn.getSourceFile().isDeclarationFile) return undefined;
      return behind(fn, 1);
    },
  };
}
