import * as path from 'node:path';
import ts from 'typescript';
import type { ServedBy, ServedFunction } from '../facts/context';
import type { FileFacts } from '../facts/fileFacts';
import { findDeclaration } from '../facts/scopes';
import { calleePath, type CalleePath } from '../sideEffects/callee';
import { helperLink, type TypeFacts } from '../semantic/typeFacts';
import { functionOf, type Entity, type IndexedModule, type ProjectIndex } from './projectIndex';
import { servedScopesOf } from './requestScopes';
import { entry, isModuleLevel, summarizeModule, type FunctionFact } from './summary';

/** As the checker's helper chain: a Server Component -> helper -> helper -> the after() call. */
const MAX_HELPER_DEPTH = 3;
const MAX_RETURN_LINKS = 4;
/** Globals whose calls return a promise: `(event) => fetch(url, ...)` returns one. */
const PROMISE_GLOBALS = new Set(['fetch']);

/**
 * How an analysis reaches the index: once the file's own walk is done, its summary is recorded
 * (cycles and later files see it) and its cross-file facts are bound to it.
 */
export interface CrossFileSource {
  factsFor(facts: FileFacts, text: string): TypeFacts;
}

export function crossFileSource(index: ProjectIndex, fileName: string, appRoots: readonly string[] = []): CrossFileSource {
  return {
    factsFor: (facts, text) => {
      const own = index.record(fileName, facts, text);
      if (appRoots.length > 0) facts.serve(servedFunctions(index, fileName, appRoots));
      return indexFacts(index, own);
    },
  };
}

/** What the routes of these apps say of this file's functions, as the file's facts take it. */
function servedFunctions(index: ProjectIndex, fileName: string, appRoots: readonly string[]): ServedFunction[] {
  return servedScopesOf(index, fileName, appRoots).map((scope) => {
    const route = path.relative(scope.appRoot, scope.routeFile).split(path.sep).join('/');
    // A file of another package names the route from the folder both sit in: apps/web/app/api/trpc/[trpc]/route.ts.
    const shown = isInside(scope.appRoot, fileName) ? route : path.relative(commonFolder(scope.appRoot, fileName), scope.routeFile).split(path.sep).join('/');
    const served: ServedBy = { description: `${scope.label}, served by ${shown}`, route };
    if (scope.name !== undefined) served.name = scope.name;
    if (scope.sendIsPurpose) served.sendIsPurpose = true;
    if (scope.urlPath !== undefined) served.urlPath = scope.urlPath;
    return { fn: scope.fn, served };
  });
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function commonFolder(a: string, b: string): string {
  let folder = path.resolve(a);
  while (!isInside(folder, path.resolve(b)) && path.dirname(folder) !== folder) folder = path.dirname(folder);
  return folder;
}

/**
 * The same facts for a text that is not (yet) the file's: fix-all tries texts the user may never
 * apply, and other files must not see their summaries.
 */
export function previewSource(index: ProjectIndex, fileName: string, appRoots: readonly string[] = []): CrossFileSource {
  return {
    factsFor: (facts) => {
      // Functions are named by their place, not their position: what the routes say of the file holds for its preview.
      if (appRoots.length > 0) facts.serve(servedFunctions(index, fileName, appRoots));
      return indexFacts(index, { file: path.resolve(fileName), summary: summarizeModule(facts) });
    },
  };
}

/**
 * The cross-file facts of one analysed file, answered from the project index: what the rules used
 * to ask the type checker, without a program. `own` is this file's summary, from the same walk.
 */
export function indexFacts(index: ProjectIndex, own: IndexedModule): TypeFacts {
  const entities = new Map<string, Entity | undefined>();
  /** What the callee of a call in this file stands for, when it leads to an import or a module-level name. */
  const calleeEntity = (callee: CalleePath | undefined): Entity | undefined => {
    const root = callee?.root;
    // Only names bound at the top of the module can lead elsewhere; most callees are locals or globals.
    if (!root || (entry(own.summary.imports, root.text) === undefined && entry(own.summary.locals, root.text) === undefined)) return undefined;
    const declaration = findDeclaration(root);
    if (!declaration) return undefined;
    const isImport = ts.isImportSpecifier(declaration) || ts.isImportClause(declaration) || ts.isNamespaceImport(declaration);
    if (!isImport && !isModuleLevel(root)) return undefined;
    // The same dotted path from a module-level root means the same thing anywhere in the file.
    if (entities.has(callee.text)) return entities.get(callee.text);
    let entity = index.local(own, callee.names[0]!);
    for (const member of callee.names.slice(1)) entity = entity && index.member(entity, member);
    entities.set(callee.text, entity);
    return entity;
  };

  const returnsOf = (module: IndexedModule | undefined, fact: FunctionFact, links: number): boolean | undefined => {
    if (fact.returns) return fact.returns === 'promise';
    if (!fact.returnsCall || !module || links >= MAX_RETURN_LINKS) return undefined;
    if (PROMISE_GLOBALS.has(fact.returnsCall) && entry(module.summary.locals, fact.returnsCall) === undefined && entry(module.summary.imports, fact.returnsCall) === undefined) return true;
    const next = functionOf(index.path(module, fact.returnsCall));
    return next ? returnsOf(next.module, next.fact, links + 1) : undefined;
  };

  /** Where, below this function, after() gets a request API: the chain for the message. */
  const behind = (module: IndexedModule | undefined, name: string, fact: FunctionFact, depth: number, seen: Set<FunctionFact>): string | undefined => {
    if (seen.has(fact)) return undefined;
    seen.add(fact);
    if (fact.afterApi) return helperLink(name, module?.file, { api: fact.afterApi });
    if (depth >= MAX_HELPER_DEPTH || !module) return undefined;
    for (const call of fact.calls ?? []) {
      const next = functionOf(index.path(module, call));
      const deeper = next && behind(next.module, next.name, next.fact, depth + 1, seen);
      if (deeper) return helperLink(name, module?.file, { deeper });
    }
    return undefined;
  };

  return {
    returnsPromise(call) {
      const target = functionOf(calleeEntity(calleePath(call)));
      return target && returnsOf(target.module, target.fact, 0);
    },
    requestApiInAfterBehind(call) {
      const target = functionOf(calleeEntity(calleePath(call)));
      if (!target) return undefined;
      const key = `behind\u0000${target.module?.file}\u0000${target.name}`;
      return index.memo(key, () => behind(target.module, target.name, target.fact, 1, new Set()));
    },
    originOf(callee) {
      const entity = calleeEntity(callee);
      return entity?.kind === 'package' ? { module: entity.specifier, path: entity.path.join('.') } : undefined;
    },
  };
}
