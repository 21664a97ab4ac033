import * as path from 'node:path';
import type ts from 'typescript';
import { collectFileFacts, type FileFacts } from '../facts/fileFacts';
import { looksBinary, parseSource } from '../parse';
import { discoverApps } from './discoverApps';
import type { TextFileSystem } from './fileSystem';
import { ModuleResolver, type ResolvedModule } from './resolve';
import { entry, summarizeModule, type FunctionFact, type ImportRef, type LocalFact, type ModuleSummary } from './summary';

/** A module of the index: where it is and its summary. */
export interface IndexedModule {
  file: string;
  summary: ModuleSummary;
}

/**
 * What a name stands for, followed across modules: a module (namespace import), a module-level
 * fact, or something of an installed package (kept as the package name and the path below it, with
 * the package's declared fact when its `.d.ts` is there).
 */
export type Entity =
  | { kind: 'module'; module: IndexedModule }
  | { kind: 'fact'; module: IndexedModule; name: string; fact: LocalFact }
  | { kind: 'package'; specifier: string; path: string[]; declared?: Entity };

/**
 * Keeps summaries beyond one run: the CLI's `--cache` file, whose entries are keyed by content hash.
 * `get` answers only for files it knows to be unchanged, so the index need not even read them.
 */
export interface SummaryStore {
  get(fileName: string): ModuleSummary | undefined;
  put(fileName: string, text: string, summary: ModuleSummary): void;
}

export interface ProjectIndexOptions {
  /**
   * Asked first when a module's summary is needed: the CLI analyses a file of its own run right
   * then, so the summary comes from that one parse instead of a second one. `duringWalk`: a
   * request-scope walk asks (see `walking`); an analysis started now would ask for the same walk,
   * so only the summary is wanted now (`summarizeText` gives it with the parse to keep for later).
   */
  provider?: (fileName: string, duringWalk: boolean) => ModuleSummary | undefined;
  store?: SummaryStore;
}

/** What an analysis depended on beyond its own text. */
export interface Dependencies {
  modules: Set<string>;
  unresolved: boolean;
  /**
   * What the routes said of this file's functions (request scopes behind routers), as a string to
   * compare: the routes and routers are not dependencies of every file, but an analysis is redone
   * when this answer changes.
   */
  servedScopes?: string;
}

/** Specifiers that name project files (relative, absolute, the usual path aliases), not packages. */
const PROJECT_SPECIFIER = /^(\.|\/|~|#|@\/)/;

/** How deep re-export chains and aliases are followed (barrels of barrels). */
const MAX_LINKS = 12;

/**
 * The project index: a summary per module, made lazily (a file's facts need its import closure,
 * not the repository), resolved like TypeScript resolves, read as text only. Summaries refer to
 * other modules by specifier, so a changed file invalidates only its own entry.
 */
export class ProjectIndex {
  readonly resolver: ModuleResolver;
  /** Modules summarised in this index by parsing them itself (not counting the provider's). */
  parsedForSummary = 0;
  private readonly byPath = new Map<string, IndexedModule | null>();
  private readonly derived = new Map<string, { value: unknown; dependencies: Dependencies }>();
  private readonly trackers: Dependencies[] = [];
  /** The Next.js apps under each workspace root: kept until files come or go, not when a summary changes. */
  private readonly workspaceApps = new Map<string, string[]>();
  /** How many request-scope walks are under way (see `walking`). */
  private walks = 0;

  constructor(
    readonly fs: TextFileSystem,
    private readonly options: ProjectIndexOptions = {},
  ) {
    this.resolver = new ModuleResolver(fs);
  }

  /** The summary of a module on disk (or as the provider knows it); undefined when it cannot be read. */
  moduleAt(fileName: string): IndexedModule | undefined {
    const key = absolute(fileName);
    this.trackers[this.trackers.length - 1]?.modules.add(key);
    const known = this.byPath.get(key);
    if (known !== undefined) return known ?? undefined;
    // A cycle asks for a module being summarised: it has nothing to offer yet.
    this.byPath.set(key, null);
    const summary = this.options.provider?.(key, this.walks > 0) ?? this.summarizeFromDisk(key);
    const indexed = summary ? { file: key, summary } : null;
    this.byPath.set(key, this.byPath.get(key) ?? indexed);
    return this.byPath.get(key) ?? undefined;
  }

  /** The module as last recorded or summarised, without summarising it now. */
  recorded(fileName: string): IndexedModule | undefined {
    return this.byPath.get(absolute(fileName)) ?? undefined;
  }

  /** Records the summary of a file analysed right now, from the walk of its analysis. */
  record(fileName: string, facts: FileFacts, text: string): IndexedModule {
    const file = absolute(fileName);
    const summary = summarizeModule(facts);
    this.options.store?.put(file, text, summary);
    const indexed = { file, summary };
    // Answers derived from an earlier summary of this file may be stale; a first record, or one
    // equal to what was summarised before (a file summarised from disk, then analysed), changes none.
    const previous = this.byPath.get(file);
    if (previous && JSON.stringify(previous.summary) !== JSON.stringify(summary)) this.derived.clear();
    this.byPath.set(file, indexed);
    return indexed;
  }

  /**
   * Runs a request-scope walk: the routers it reaches are summarised without starting their
   * analyses (which would ask for this walk again); see `ProjectIndexOptions.provider`.
   */
  walking<T>(work: () => T): T {
    this.walks++;
    try {
      return work();
    } finally {
      this.walks--;
    }
  }

  resolve(specifier: string, fromFile: string): ResolvedModule | undefined {
    const resolved = this.resolver.resolve(specifier, fromFile);
    // A project path that leads nowhere today may lead to a file added tomorrow.
    if (!resolved && PROJECT_SPECIFIER.test(specifier)) {
      const tracker = this.trackers[this.trackers.length - 1];
      if (tracker) tracker.unresolved = true;
    }
    return resolved;
  }

  /**
   * Runs `work` and returns, with its value, what it depended on: every module whose summary it
   * consulted (directly or through a chain), and whether a project import failed to resolve. The CLI's
   * cache re-analyses a file when one of these changes.
   */
  track<T>(work: () => T): { value: T; dependencies: Dependencies } {
    const dependencies: Dependencies = { modules: new Set(), unresolved: false };
    this.trackers.push(dependencies);
    try {
      return { value: work(), dependencies };
    } finally {
      this.trackers.pop();
    }
  }

  /** A file changed on disk or in an editor: its summary (and what was derived from summaries) is stale. */
  forget(fileName: string): void {
    this.byPath.delete(path.resolve(fileName));
    this.derived.clear();
  }

  /** Files appeared or went away: imports may resolve elsewhere now; summaries still hold. */
  forgetResolution(): void {
    this.derived.clear();
    this.workspaceApps.clear();
    this.resolver.forgetAll();
  }

  /** A tsconfig/package.json changed: resolution and summaries start over. */
  forgetAll(): void {
    this.byPath.clear();
    this.derived.clear();
    this.workspaceApps.clear();
    this.resolver.forgetAll();
  }

  /** The roots of the Next.js apps under a workspace root. */
  appsOfWorkspace(root: string): string[] {
    let apps = this.workspaceApps.get(root);
    if (!apps) {
      apps = discoverApps([root], this.fs).map((app) => app.root);
      this.workspaceApps.set(root, apps);
    }
    return apps;
  }

  /**
   * A memo for answers derived from several summaries, dropped whenever a summary changes. A hit
   * still counts the modules the answer came from as dependencies of whoever asks, unless
   * `propagate` is false (an answer about the whole app, whose askers note what it said instead).
   */
  memo<T>(key: string, compute: () => T, propagate = true): T {
    let entry = this.derived.get(key);
    if (!entry) {
      const { value, dependencies } = this.track(compute);
      entry = { value, dependencies };
      this.derived.set(key, entry);
    }
    const tracker = this.trackers[this.trackers.length - 1];
    if (tracker && propagate) {
      for (const module of entry.dependencies.modules) tracker.modules.add(module);
      tracker.unresolved ||= entry.dependencies.unresolved;
    }
    return entry.value as T;
  }

  /** Records, for whoever tracks this analysis, what the routes said of its file's functions. */
  noteServedScopes(signature: string): void {
    const tracker = this.trackers[this.trackers.length - 1];
    if (tracker) tracker.servedScopes = signature;
  }

  /** The modules a memoised answer was derived from, when it is memoised. */
  memoDependencies(key: string): ReadonlySet<string> | undefined {
    return this.derived.get(key)?.dependencies.modules;
  }

  get moduleCount(): number {
    let count = 0;
    for (const module of this.byPath.values()) if (module) count++;
    return count;
  }

  /** What an exported name of a module stands for, through re-exports and `export *`. */
  exported(module: IndexedModule, name: string, links = 0): Entity | undefined {
    if (links > MAX_LINKS) return undefined;
    const { summary } = module;
    const local = entry(summary.exports, name);
    if (local !== undefined) return this.local(module, local, links + 1);
    const reexport = entry(summary.reexports, name);
    if (reexport) return this.imported(module, reexport, links + 1);
    for (const specifier of summary.starExports) {
      const target = this.resolve(specifier, module.file);
      const targetModule = target && !target.isPackage ? this.moduleAt(target.fileName) : undefined;
      const found = targetModule && this.exported(targetModule, name, links + 1);
      if (found) return found;
    }
    return undefined;
  }

  /** A module-level name of a module: its own declaration, or what its import brings in. */
  local(module: IndexedModule, name: string, links = 0): Entity | undefined {
    if (links > MAX_LINKS) return undefined;
    const fact = entry(module.summary.locals, name);
    if (fact?.kind === 'value' && fact.alias !== undefined && fact.alias !== name) return this.local(module, fact.alias, links + 1) ?? { kind: 'fact', module, name, fact };
    if (fact) return { kind: 'fact', module, name, fact };
    const ref = entry(module.summary.imports, name);
    return ref ? this.imported(module, ref, links + 1) : undefined;
  }

  imported(module: IndexedModule, ref: ImportRef, links = 0): Entity | undefined {
    const target = this.resolve(ref.from, module.file);
    const targetModule = target ? this.moduleAt(target.fileName) : undefined;
    const found = targetModule && (ref.name === '*' ? ({ kind: 'module', module: targetModule } as const) : this.exported(targetModule, ref.name, links + 1));
    if (target && !target.isPackage) return found;
    // Outside the project: the package name is what the SDK catalogue knows it by.
    return { kind: 'package', specifier: ref.from, path: ref.name === '*' || ref.name === 'default' ? [] : [ref.name], declared: found };
  }

  /** `entity.member`: an export of a module, a method of an object, a member of a package's client. */
  member(entity: Entity, member: string, links = 0): Entity | undefined {
    if (entity.kind === 'module') return this.exported(entity.module, member, links);
    if (entity.kind === 'package') {
      const declared = entity.declared && this.member(entity.declared, member, links + 1);
      return { kind: 'package', specifier: entity.specifier, path: [...entity.path, member], declared };
    }
    const { fact, module, name } = entity;
    if (fact.kind !== 'value') return undefined;
    const method = entry(fact.members, member);
    if (method) return { kind: 'fact', module, name: `${name}.${member}`, fact: method };
    if (fact.origin) {
      const origin = this.resolve(fact.origin.from, module.file);
      // A client made by a factory of the project is whatever that factory returns: not followed.
      if (origin && !origin.isPackage) return undefined;
      return { kind: 'package', specifier: fact.origin.from, path: [...splitPath(fact.origin.path), member] };
    }
    return undefined;
  }

  /** A dotted path (`helper`, `ns.fn`, `client.emails.send`) seen from a module's top level. */
  path(module: IndexedModule, dotted: string): Entity | undefined {
    const [root, ...rest] = dotted.split('.');
    let entity = root === undefined ? undefined : this.local(module, root);
    for (const member of rest) entity = entity && this.member(entity, member);
    return entity;
  }

  private summarizeFromDisk(file: string): ModuleSummary | undefined {
    const stored = this.options.store?.get(file);
    if (stored) return stored;
    const made = this.summarizeText(file);
    if (made) this.parsedForSummary++;
    return made?.summary;
  }

  /** Reads, parses and summarises a file; the parse is returned too, for an analysis that follows. */
  summarizeText(file: string): { text: string; sourceFile: ts.SourceFile; summary: ModuleSummary } | undefined {
    const text = this.fs.readFile(file);
    if (text === undefined || looksBinary(text)) return undefined;
    const sourceFile = parseSource(file, text);
    const summary = summarizeModule(collectFileFacts(sourceFile, file, undefined));
    this.options.store?.put(file, text, summary);
    return { text, sourceFile, summary };
  }
}

/** The function fact an entity stands for, when it is one (also through a package's `.d.ts`). */
export function functionOf(entity: Entity | undefined): { module?: IndexedModule; name: string; fact: FunctionFact } | undefined {
  if (!entity) return undefined;
  if (entity.kind === 'package') return functionOf(entity.declared);
  if (entity.kind === 'fact' && entity.fact.kind === 'function') return { module: entity.module, name: entity.name, fact: entity.fact };
  return undefined;
}

/** Paths from resolution and file listings are already absolute: resolving them again costs time. */
function absolute(fileName: string): string {
  return path.isAbsolute(fileName) && !fileName.includes(`${path.sep}.`) ? fileName : path.resolve(fileName);
}

function splitPath(dotted: string): string[] {
  return dotted ? dotted.split('.') : [];
}
