import * as path from 'node:path';
import { parseYaml } from './yaml';

/** Reads a text file, or returns undefined when it does not exist or cannot be read. */
export type ReadTextFile = (absolutePath: string) => string | undefined;

export interface NextApp {
  /** Absolute folder of the app's package.json (or next.config.*). */
  root: string;
  /**
   * The Next.js version: the installed one (`node_modules/next/package.json`, searched upward as
   * Node does), else the `next` dependency of the package.json, with pnpm `catalog:` looked up in
   * the workspace's pnpm-workspace.yaml. Undefined when unknown.
   */
  nextVersion?: string;
  /** Where `nextVersion` came from, for messages and the editor's status. */
  nextVersionSource?: 'installed' | 'dependency' | 'catalog';
  /** The `nextAfterLint` key of that package.json, unvalidated (the caller checks it). */
  packageSettings?: unknown;
  /** The URL paths of the `crons` in the `vercel.json` beside it, without their query strings. */
  cronPaths?: string[];
}

const NEXT_CONFIG_FILES = ['next.config.js', 'next.config.mjs', 'next.config.ts', 'next.config.cjs'];
const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies'] as const;

/**
 * The Next.js app a file belongs to: the nearest folder whose package.json depends on `next`, or
 * that holds a next.config file. Only reads files as text and parses JSON; nothing of the
 * workspace is ever loaded as code. Undefined for files outside any Next.js app.
 */
export function findNextApp(filePath: string, readTextFile: ReadTextFile, cache?: Map<string, NextApp | null>): NextApp | undefined {
  const visited: string[] = [];
  let found: NextApp | undefined;
  for (let dir = path.dirname(path.resolve(filePath)); ; dir = path.dirname(dir)) {
    const cached = cache?.get(dir);
    if (cached !== undefined) {
      found = cached ?? undefined;
      break;
    }
    visited.push(dir);
    found = appAt(dir, readTextFile);
    if (found) {
      resolveVersion(found, readTextFile);
      break;
    }
    if (path.dirname(dir) === dir) break;
  }
  if (cache) for (const dir of visited) cache.set(dir, found ?? null);
  return found;
}

function appAt(dir: string, readTextFile: ReadTextFile): NextApp | undefined {
  const app = appManifestAt(dir, readTextFile);
  if (!app) return undefined;
  const cronPaths = cronPathsAt(dir, readTextFile);
  return cronPaths ? { ...app, cronPaths } : app;
}

function appManifestAt(dir: string, readTextFile: ReadTextFile): NextApp | undefined {
  const manifestText = readTextFile(path.join(dir, 'package.json'));
  if (manifestText !== undefined) {
    const manifest = parseJsonObject(manifestText);
    for (const field of DEPENDENCY_FIELDS) {
      const dependencies = manifest?.[field];
      if (isObject(dependencies) && typeof dependencies.next === 'string') {
        return { root: dir, nextVersion: dependencies.next, packageSettings: manifest?.nextAfterLint };
      }
    }
  }
  if (NEXT_CONFIG_FILES.some((name) => readTextFile(path.join(dir, name)) !== undefined)) {
    return { root: dir, packageSettings: manifestText !== undefined ? parseJsonObject(manifestText)?.nextAfterLint : undefined };
  }
  return undefined;
}

/** The installed Next.js wins over the declared range; a `catalog:` spec is looked up. */
function resolveVersion(app: NextApp, readTextFile: ReadTextFile): void {
  for (let dir = app.root; ; dir = path.dirname(dir)) {
    const installed = parseJsonObject(readTextFile(path.join(dir, 'node_modules', 'next', 'package.json')) ?? '');
    if (typeof installed?.version === 'string') {
      app.nextVersion = installed.version;
      app.nextVersionSource = 'installed';
      return;
    }
    if (path.dirname(dir) === dir) break;
  }
  const spec = app.nextVersion;
  if (spec === undefined) return;
  if (!spec.startsWith('catalog:')) {
    app.nextVersionSource = 'dependency';
    return;
  }
  const catalog = spec.slice('catalog:'.length).trim() || 'default';
  app.nextVersion = pnpmCatalogEntry(app.root, catalog, 'next', readTextFile);
  if (app.nextVersion !== undefined) app.nextVersionSource = 'catalog';
}

/** `catalog:` / `catalogs.<name>` of the nearest pnpm-workspace.yaml at or above `dir`. */
function pnpmCatalogEntry(dir: string, catalog: string, dependency: string, readTextFile: ReadTextFile): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    const text = readTextFile(path.join(current, 'pnpm-workspace.yaml'));
    if (text !== undefined) {
      const yaml = parseYaml(text);
      if (!isObject(yaml)) return undefined;
      const entries = catalog === 'default' ? (yaml.catalog ?? (isObject(yaml.catalogs) ? yaml.catalogs.default : undefined)) : isObject(yaml.catalogs) ? yaml.catalogs[catalog] : undefined;
      const version = isObject(entries) ? entries[dependency] : undefined;
      return typeof version === 'string' ? version : undefined;
    }
    if (path.dirname(current) === current) return undefined;
  }
}

/**
 * `crons[].path` of the app's vercel.json (`/api/cron/sync?hour=1` -> `/api/cron/sync`): the
 * routes Vercel calls on a schedule. A missing or broken file, or odd entries, give none.
 */
function cronPathsAt(dir: string, readTextFile: ReadTextFile): string[] | undefined {
  const text = readTextFile(path.join(dir, 'vercel.json'));
  const crons = text === undefined ? undefined : parseJsonObject(text)?.crons;
  if (!Array.isArray(crons)) return undefined;
  const paths = crons.flatMap((cron: unknown) => (isObject(cron) && typeof cron.path === 'string' && cron.path.startsWith('/') ? [cron.path.replace(/[?#].*$/s, '')] : []));
  return paths.length > 0 ? paths : undefined;
}

/** The path of a file relative to its app root, `/`-separated, as the engine expects. */
export function appRelativePath(app: NextApp, filePath: string): string {
  return path.relative(app.root, path.resolve(filePath)).split(path.sep).join('/');
}

/** A JSON text's top-level object (package.json, vercel.json); undefined for anything else or bad JSON. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
