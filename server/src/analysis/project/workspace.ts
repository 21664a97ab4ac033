import * as path from 'node:path';
import type { TextFileSystem } from './fileSystem';
import { parseJsonObject } from './nextApp';
import { parseYaml, type YamlValue } from './yaml';

/** A package of an npm/yarn/pnpm workspace, by the `name` of its package.json. */
export interface WorkspacePackage {
  name: string;
  dir: string;
  manifest: Record<string, unknown>;
}

/** A monorepo root and its packages (pnpm's catalogs are read where the Next.js version is: nextApp.ts). */
export interface Workspace {
  root: string;
  packages: ReadonlyMap<string, WorkspacePackage>;
}

/** Folders never searched for workspace packages, whatever a `**` glob says. */
const NEVER_SEARCHED = new Set(['node_modules', '.git', '.next', 'dist', 'out', 'build', '.turbo']);
const MAX_GLOB_DEPTH = 6;

/**
 * The workspaces above folders, read once per root. Only package.json and pnpm-workspace.yaml are
 * read, as text; nothing is executed.
 */
export class WorkspaceFinder {
  private readonly byDir = new Map<string, Workspace | null>();

  constructor(private readonly fs: TextFileSystem) {}

  /** The nearest workspace root at or above `dir` that declares packages. */
  workspaceOf(dir: string): Workspace | undefined {
    const visited: string[] = [];
    let found: Workspace | null = null;
    for (let current = path.resolve(dir); ; current = path.dirname(current)) {
      const cached = this.byDir.get(current);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      visited.push(current);
      const workspace = this.readWorkspace(current);
      if (workspace) {
        found = workspace;
        break;
      }
      if (path.dirname(current) === current) break;
    }
    for (const dir of visited) this.byDir.set(dir, found);
    return found ?? undefined;
  }

  forgetAll(): void {
    this.byDir.clear();
  }

  private readWorkspace(dir: string): Workspace | undefined {
    const pnpmText = this.fs.readFile(path.join(dir, 'pnpm-workspace.yaml'));
    const pnpm = pnpmText === undefined ? undefined : asRecord(parseYaml(pnpmText));
    const manifest = readJsonObject(this.fs, path.join(dir, 'package.json'));
    const globs = pnpm ? stringList(pnpm.packages) : workspaceGlobs(manifest?.workspaces);
    if (!pnpm && globs.length === 0) return undefined;
    return { root: dir, packages: this.packagesOf(dir, globs) };
  }

  private packagesOf(root: string, globs: readonly string[]): Map<string, WorkspacePackage> {
    const packages = new Map<string, WorkspacePackage>();
    const excluded = new Set(globs.filter((glob) => glob.startsWith('!')).flatMap((glob) => expandFolderGlob(this.fs, root, glob.slice(1))));
    for (const glob of globs) {
      if (glob.startsWith('!')) continue;
      for (const dir of expandFolderGlob(this.fs, root, glob)) {
        if (excluded.has(dir)) continue;
        const manifest = readJsonObject(this.fs, path.join(dir, 'package.json'));
        if (manifest && typeof manifest.name === 'string' && !packages.has(manifest.name)) packages.set(manifest.name, { name: manifest.name, dir, manifest });
      }
    }
    return packages;
  }
}

/** The folders a workspace glob names (`apps/*`, `packages/**`, `tools/cli`), sorted. */
export function expandFolderGlob(fs: TextFileSystem, root: string, glob: string): string[] {
  const segments = glob.replace(/^\.\//, '').replace(/\/+$/, '').split('/').filter(Boolean);
  const found: string[] = [];
  const walk = (dir: string, index: number, depth: number): void => {
    if (index === segments.length) {
      found.push(dir);
      return;
    }
    const segment = segments[index]!;
    if (segment === '**') {
      walk(dir, index + 1, depth);
      if (depth >= MAX_GLOB_DEPTH) return;
      for (const child of fs.directories(dir)) if (!NEVER_SEARCHED.has(child) && !child.startsWith('.')) walk(path.join(dir, child), index, depth + 1);
      return;
    }
    if (!/[*?[{]/.test(segment)) {
      const next = path.join(dir, segment);
      if (fs.directoryExists(next)) walk(next, index + 1, depth);
      return;
    }
    const pattern = segmentPattern(segment);
    for (const child of fs.directories(dir)) if (!NEVER_SEARCHED.has(child) && pattern.test(child)) walk(path.join(dir, child), index + 1, depth);
  };
  walk(root, 0, 0);
  return [...new Set(found)].sort();
}

function segmentPattern(segment: string): RegExp {
  let source = '';
  for (const char of segment) source += char === '*' ? '[^/]*' : char === '?' ? '[^/]' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${source}$`);
}

function workspaceGlobs(workspaces: unknown): string[] {
  if (Array.isArray(workspaces)) return stringList(workspaces);
  if (workspaces && typeof workspaces === 'object') return stringList((workspaces as { packages?: unknown }).packages);
  return [];
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function asRecord(value: YamlValue | undefined): Record<string, YamlValue> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

function readJsonObject(fs: TextFileSystem, filePath: string): Record<string, unknown> | undefined {
  const text = fs.readFile(filePath);
  return text === undefined ? undefined : parseJsonObject(text);
}
