import * as path from 'node:path';
import { classifyFilePath } from '../facts/fileRole';
import { routePathOf } from '../facts/routePath';
import { findNextApp, type NextApp } from './nextApp';
import type { ProjectIndex } from './projectIndex';
import { RouterWalk, type FoundHandler } from './routerWalk';
import { ShapeReader } from './shapeValues';
import type { FunctionId } from './shapes';

/**
 * A function that runs inside a Route Handler's request although no `route.ts` declares it: a
 * tRPC procedure, a Hono handler, an Auth.js event... It takes the Route Handler's context.
 */
export interface ServedScope {
  /** Which function of its module (see `FunctionId`). */
  fn: FunctionId;
  /** `tRPC mutation \`monitor.create\``. */
  label: string;
  /** The `route.ts` whose request runs it (absolute), and the app it belongs to. */
  routeFile: string;
  appRoot: string;
  /** Its name as the router knows it: the handler's own name for the precision rules. */
  name?: string;
  /** Sending is what it is for (an auth provider's verification email). */
  sendIsPurpose?: boolean;
  /** Its URL path when the router says it: Hono's own (`/api/users/:id`), or the route's with the procedure's below it. */
  urlPath?: string;
}

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const ROUTE_FILE = /^route\.(ts|tsx|js|jsx)$/;
const MAX_ROUTE_FOLDER_DEPTH = 24;

/**
 * The functions of `file` that routes of these apps run in their requests. Asking notes the answer
 * on the analysis being tracked (`Dependencies.servedScopes`): the routes are not dependencies of
 * every file, but an analysis is redone when this answer changes.
 */
export function servedScopesOf(index: ProjectIndex, file: string, appRoots: readonly string[]): ServedScope[] {
  const resolved = path.resolve(file);
  const found: ServedScope[] = [];
  // A route file's functions are served by its own routes: it asks only what its methods reach,
  // so analysing route files first leaves every route's summary made when other files ask.
  const ownApp = appRoots.find((appRoot) => isRouteFileOf(appRoot, resolved));
  if (ownApp !== undefined) found.push(...(reachOfRoute(index, ownApp, resolved).get(resolved) ?? []));
  else for (const appRoot of appRoots) found.push(...(scopesOfApp(index, appRoot).get(resolved) ?? []));
  index.noteServedScopes(signatureOf(found));
  return found;
}

/** A string that changes when what the routes say of a file changes. */
export function signatureOf(scopes: readonly ServedScope[]): string {
  return scopes.length === 0 ? '' : JSON.stringify(scopes);
}

/** The memo key of an app's whole answer: its dependencies tell which changes can alter it. */
export function requestScopesKey(appRoot: string): string {
  return `request-scopes\u0000${path.resolve(appRoot)}`;
}

/** Every route of the app, walked: file -> its functions that run in some route's request. */
function scopesOfApp(index: ProjectIndex, appRoot: string): ReadonlyMap<string, ServedScope[]> {
  return index.memo(
    requestScopesKey(appRoot),
    () => {
      const merged = new Map<string, ServedScope[]>();
      for (const route of routeFilesOf(index, appRoot)) {
        for (const [file, scopes] of reachOfRoute(index, appRoot, route)) {
          const known = merged.get(file) ?? [];
          for (const scope of scopes) if (!known.some((other) => sameFunction(other, scope))) known.push(scope);
          merged.set(file, known);
        }
      }
      return merged;
    },
    false,
  );
}

/**
 * What one route's methods reach. A route file's own analysis asks only this (its own routers),
 * so analysing route files first gives every other file's question the routes' summaries for free.
 */
function reachOfRoute(index: ProjectIndex, appRoot: string, routeFile: string): ReadonlyMap<string, ServedScope[]> {
  return index.memo(
    `route-reach\u0000${routeFile}`,
    () =>
      index.walking(() => {
        const reached = new Map<string, ServedScope[]>();
        const module = index.moduleAt(routeFile);
        if (!module) return reached;
        const reader = new ShapeReader(index);
        const walk = new RouterWalk(reader, (handler) => addFound(reached, handler, routeFile, appRoot));
        for (const method of HTTP_METHODS) {
          const entity = index.exported(module, method);
          if (entity) walk.served(reader.entity(entity));
        }
        return reached;
      }),
    false,
  );
}

function addFound(reached: Map<string, ServedScope[]>, handler: FoundHandler, routeFile: string, appRoot: string): void {
  const { value } = handler;
  const scope: ServedScope = { fn: value.id, label: handler.label, routeFile, appRoot };
  if (handler.name !== undefined) scope.name = handler.name;
  if (handler.sendIsPurpose) scope.sendIsPurpose = true;
  if (handler.path !== undefined) scope.urlPath = handler.path.startsWith('/') ? handler.path : `${routeUrlPath(appRoot, routeFile)}/${handler.path}`;
  const list = reached.get(value.module.file) ?? [];
  if (!list.some((other) => sameFunction(other, scope))) list.push(scope);
  reached.set(value.module.file, list);
}

function sameFunction(a: ServedScope, b: ServedScope): boolean {
  return a.fn === b.fn;
}

/** `app/**\/route.ts` (also under `src/`), listed through the index's view of the disk, sorted. */
export function routeFilesOf(index: ProjectIndex, appRoot: string): string[] {
  return index.memo(
    `route-files\u0000${path.resolve(appRoot)}`,
    () => {
      const found: string[] = [];
      const visit = (dir: string, depth: number): void => {
        if (depth > MAX_ROUTE_FOLDER_DEPTH) return;
        for (const name of index.fs.files(dir)) if (ROUTE_FILE.test(name)) found.push(path.join(dir, name));
        for (const name of index.fs.directories(dir)) if (name !== 'node_modules' && name !== '.git') visit(path.join(dir, name), depth + 1);
      };
      for (const top of ['app', path.join('src', 'app')]) visit(path.join(path.resolve(appRoot), top), 0);
      return found.sort();
    },
    false,
  );
}

/** `/api/trpc` of `app/api/trpc/[trpc]/route.ts`: the route's URL without its catch-all or dynamic last segment. */
function routeUrlPath(appRoot: string, routeFile: string): string {
  const routePath = routePathOf(path.relative(appRoot, routeFile).split(path.sep).join('/')) ?? '';
  return routePath.replace(/\/\[[^/]*\]$/, '');
}

function isRouteFileOf(appRoot: string, file: string): boolean {
  const relative = path.relative(appRoot, file);
  return !relative.startsWith('..') && classifyFilePath(relative.split(path.sep).join('/')).isRouteFile;
}

/**
 * The Next.js apps whose routes may run a file's functions: its own app first, then every app of
 * the workspace around it (a router in a workspace package is served by an app of that workspace).
 */
export function candidateApps(index: ProjectIndex, file: string, ownAppRoot: string | undefined): string[] {
  const roots = ownAppRoot === undefined ? [] : [path.resolve(ownAppRoot)];
  const workspace = index.resolver.workspaces.workspaceOf(path.dirname(path.resolve(file)));
  if (workspace) for (const root of index.appsOfWorkspace(workspace.root)) if (!roots.includes(root)) roots.push(root);
  return roots;
}

/** The first of these apps whose routes run a function of `file`: a package without `next` is analysed for it. */
export function servingApp(index: ProjectIndex, file: string, appRoots: readonly string[]): string | undefined {
  const resolved = path.resolve(file);
  return appRoots.find((root) => (scopesOfApp(index, root).get(resolved)?.length ?? 0) > 0);
}

/**
 * The app a file is analysed for, and the apps whose routes may run its functions: its own app,
 * or for a file of a package without `next`, the app whose routes run it. Undefined for a file
 * no app has or serves.
 */
export function appForFile(index: ProjectIndex, file: string, cache?: Map<string, NextApp | null>): { app: NextApp; appRoots: string[] } | undefined {
  const read = (candidate: string) => index.fs.readFile(candidate);
  const own = findNextApp(file, read, cache);
  const appRoots = candidateApps(index, file, own?.root);
  if (own) return { app: own, appRoots };
  const serving = servingApp(index, file, appRoots);
  const app = serving === undefined ? undefined : findNextApp(path.join(serving, 'package.json'), read, cache);
  return app ? { app, appRoots } : undefined;
}

/** The files some route of the app runs functions of (its own files and those of workspace packages). */
export function filesServedBy(index: ProjectIndex, appRoot: string): string[] {
  return [...scopesOfApp(index, appRoot).keys()].sort();
}
