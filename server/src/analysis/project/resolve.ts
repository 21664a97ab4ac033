import * as path from 'node:path';
import ts from 'typescript';
import { CompilerOptionsFinder } from './compilerOptions';
import type { TextFileSystem } from './fileSystem';
import { ResolutionHost } from './resolutionHost';
import { WorkspaceFinder, type WorkspacePackage } from './workspace';

/** Where an import lands. */
export interface ResolvedModule {
  fileName: string;
  /** An installed third-party package (its `.d.ts` or JavaScript), not a module of the project or workspace. */
  isPackage: boolean;
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const DECLARATION = /\.d\.[mc]?ts$/;
/** What an extensionless relative import may name, in TypeScript's order (JavaScript allowed). */
const LOOKUP_EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.js', '.jsx'];
/** Imports of styles, images and data: never a module with facts. */
const ASSET_EXTENSION = /^\.(css|scss|sass|less|styl|svg|png|jpe?g|gif|webp|avif|ico|woff2?|ttf|otf|mp4|webm|mp3|wav|json|md|mdx|txt|html|graphql|gql|wasm)$/i;
/** Folders packages build into; their sources usually sit in `src/` under the same names. */
const BUILD_FOLDER = /^(dist|build|lib|out|esm|cjs)\//;

/**
 * Module resolution as TypeScript does it (relative paths, `paths`/`baseUrl` through `extends`,
 * package `exports`/`types`/`main`, `.d.ts` of installed packages), reading files as text only.
 * Workspace packages resolve to their sources even when their entry points at an unbuilt `dist/`.
 */
export class ModuleResolver {
  readonly workspaces: WorkspaceFinder;
  readonly options: CompilerOptionsFinder;
  private readonly host: ResolutionHost;
  private readonly resolutionCaches = new Map<string, ts.ModuleResolutionCache>();
  private readonly results = new Map<string, ResolvedModule | null>();
  private readonly scopes = new Map<string, string>();
  /** Per importing file and specifier: the common case answers without building a key. */
  private readonly byFile = new Map<string, Map<string, ResolvedModule | null>>();

  constructor(private readonly fs: TextFileSystem) {
    this.workspaces = new WorkspaceFinder(fs);
    this.host = new ResolutionHost(fs, this.workspaces);
    this.options = new CompilerOptionsFinder(this.host);
  }

  resolve(specifier: string, containingFile: string): ResolvedModule | undefined {
    let fromFile = this.byFile.get(containingFile);
    if (!fromFile) {
      fromFile = new Map();
      this.byFile.set(containingFile, fromFile);
    }
    const known = fromFile.get(specifier);
    if (known !== undefined) return known ?? undefined;
    const found = this.resolveFromFolder(specifier, containingFile);
    fromFile.set(specifier, found ?? null);
    return found;
  }

  private resolveFromFolder(specifier: string, containingFile: string): ResolvedModule | undefined {
    const { key, options } = this.options.optionsFor(containingFile);
    const dir = path.dirname(containingFile);
    const relative = specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';
    // Relative specifiers resolve the same from every file of a folder; bare ones (packages, `paths`
    // aliases) from every file of a package under one config.
    const cacheKey = `${key}\u0000${relative ? dir : this.packageScope(dir)}\u0000${specifier}`;
    const cached = this.results.get(cacheKey);
    if (cached !== undefined) return cached ?? undefined;
    const quick = relative && !options.rootDirs && !options.moduleSuffixes ? this.relativeFile(path.resolve(dir, specifier)) : undefined;
    const found = (quick === undefined ? this.resolveUncached(specifier, containingFile, key, options) : (quick ?? undefined)) ?? null;
    this.results.set(cacheKey, found);
    return found ?? undefined;
  }

  /**
   * A relative import the way TypeScript's bundler resolution reads it, from folder listings:
   * `./x` -> x.ts, x.tsx, x.d.ts, x.js, x.jsx, then x/index.*; `./x.js` -> x.ts first. Undefined
   * leaves it to TypeScript (a folder with its own package.json); null: it leads to no source.
   */
  private relativeFile(base: string): ResolvedModule | null | undefined {
    const extension = path.extname(base);
    const stem = base.slice(0, base.length - extension.length);
    let candidates: string[];
    if (extension === '.js') candidates = [`${stem}.ts`, `${stem}.tsx`, `${stem}.d.ts`, base, `${stem}.jsx`];
    else if (extension === '.jsx') candidates = [`${stem}.tsx`, base];
    else if (extension === '.mjs') candidates = [`${stem}.mts`, `${stem}.d.mts`, base];
    else if (extension === '.cjs') candidates = [`${stem}.cts`, `${stem}.d.cts`, base];
    else if (SOURCE_EXTENSIONS.includes(extension)) candidates = [base];
    else if (ASSET_EXTENSION.test(extension)) return null;
    else {
      if (this.fs.fileExists(path.join(base, 'package.json'))) return undefined;
      candidates = [...LOOKUP_EXTENSIONS.map((suffix) => base + suffix), ...LOOKUP_EXTENSIONS.map((suffix) => path.join(base, `index${suffix}`))];
    }
    const found = candidates.find((candidate) => this.fs.fileExists(candidate));
    return found ? { fileName: found, isPackage: false } : null;
  }

  /** The folder of the nearest package.json: packages resolve alike from anywhere below it. */
  private packageScope(dir: string): string {
    let scope = this.scopes.get(dir);
    if (scope === undefined) {
      const parent = path.dirname(dir);
      scope = this.fs.fileExists(path.join(dir, 'package.json')) || parent === dir ? dir : this.packageScope(parent);
      this.scopes.set(dir, scope);
    }
    return scope;
  }

  /** Files were added, removed or changed: every answer may differ now. */
  forgetAll(): void {
    this.scopes.clear();
    this.results.clear();
    this.byFile.clear();
    this.resolutionCaches.clear();
    this.workspaces.forgetAll();
    this.options.forgetAll();
  }

  private resolveUncached(specifier: string, containingFile: string, key: string, options: ts.CompilerOptions): ResolvedModule | undefined {
    let cache = this.resolutionCaches.get(key);
    if (!cache) {
      cache = ts.createModuleResolutionCache(path.dirname(key === '<defaults>' ? containingFile : key), (name) => name, options);
      this.resolutionCaches.set(key, cache);
    }
    const resolved = ts.resolveModuleName(specifier, containingFile, options, this.host, cache).resolvedModule;
    const isBare = !specifier.startsWith('.') && !path.isAbsolute(specifier);
    const workspace = isBare ? this.host.workspacePackage(specifier, path.dirname(containingFile)) : undefined;
    if (workspace && (!resolved || DECLARATION.test(resolved.resolvedFileName))) {
      // A built package resolves to its .d.ts, an unbuilt one to nothing: its sources say more.
      const source = this.workspaceSource(workspace.pkg, workspace.subpath);
      if (source) return { fileName: source, isPackage: false };
    }
    if (!resolved) return undefined;
    const fileName = path.resolve(resolved.resolvedFileName);
    const inWorkspacePackage = this.host.workspaceTarget(resolved.resolvedFileName) !== undefined || workspace !== undefined;
    return { fileName, isPackage: !inWorkspacePackage && fileName.includes(`${path.sep}node_modules${path.sep}`) };
  }

  /** The source file a workspace package's entry stands for: `dist/x.mjs` -> `src/x.ts`, or `src/index.ts`. */
  private workspaceSource(pkg: WorkspacePackage, subpath: string): string | undefined {
    const targets = entryTargets(pkg.manifest, subpath);
    const candidates: string[] = [];
    for (const target of targets) {
      const relative = target.replace(/^\.\//, '');
      candidates.push(relative);
      const withoutExtension = relative.replace(DECLARATION, '').replace(/\.[mc]?[jt]sx?$/, '');
      const inSource = BUILD_FOLDER.test(withoutExtension) ? withoutExtension.replace(BUILD_FOLDER, 'src/') : withoutExtension;
      candidates.push(...withSourceExtensions(inSource));
    }
    candidates.push(...withSourceExtensions(subpath ? `src/${subpath}` : 'src/index'), ...withSourceExtensions(subpath || 'index'));
    for (const candidate of candidates) {
      const fileName = path.join(pkg.dir, candidate);
      if (!DECLARATION.test(fileName) && SOURCE_EXTENSIONS.includes(path.extname(fileName)) && this.fs.fileExists(fileName)) return fileName;
    }
    return undefined;
  }
}

function withSourceExtensions(stem: string): string[] {
  return [...SOURCE_EXTENSIONS.map((extension) => stem + extension), ...SOURCE_EXTENSIONS.map((extension) => `${stem}/index${extension}`)];
}

/** What a package.json points at for a subpath: `exports` (any condition), then `types`/`module`/`main`. */
function entryTargets(manifest: Record<string, unknown>, subpath: string): string[] {
  const targets: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') targets.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  const exportsField = manifest.exports;
  const key = subpath ? `./${subpath}` : '.';
  if (typeof exportsField === 'string' || Array.isArray(exportsField)) {
    if (!subpath) collect(exportsField);
  } else if (exportsField && typeof exportsField === 'object') {
    const map = exportsField as Record<string, unknown>;
    const isConditions = Object.keys(map).every((name) => !name.startsWith('.'));
    if (isConditions) {
      if (!subpath) collect(map);
    } else if (key in map) collect(map[key]);
    else {
      // `"./*": "./src/*.ts"` patterns.
      for (const [pattern, value] of Object.entries(map)) {
        const star = pattern.indexOf('*');
        if (star < 0 || !key.startsWith(pattern.slice(0, star)) || !key.endsWith(pattern.slice(star + 1))) continue;
        const matched = key.slice(star, key.length - (pattern.length - star - 1));
        const before = targets.length;
        collect(value);
        for (let index = before; index < targets.length; index++) targets[index] = targets[index]!.replace('*', matched);
      }
    }
  }
  if (!subpath) for (const field of ['types', 'typings', 'module', 'main']) if (typeof manifest[field] === 'string') targets.push(manifest[field] as string);
  return targets;
}
