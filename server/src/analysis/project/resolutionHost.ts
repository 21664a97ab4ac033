import * as path from 'node:path';
import type ts from 'typescript';
import type { TextFileSystem } from './fileSystem';
import type { WorkspaceFinder, WorkspacePackage } from './workspace';

const NODE_MODULES = `${path.sep}node_modules${path.sep}`;

/** A path below some `node_modules` that names a workspace package, and the rest of the path. */
interface WorkspaceTarget {
  pkg: WorkspacePackage;
  rest: string;
}

/**
 * TypeScript's module resolution host over text reads only, with the workspace linked in:
 * without `node_modules` (a fresh clone, CI before install), `<root>/node_modules/@acme/analytics`
 * is answered from `packages/analytics`, as pnpm or npm would link it. Real files always win.
 */
export class ResolutionHost implements ts.ModuleResolutionHost {
  constructor(
    private readonly fs: TextFileSystem,
    private readonly workspaces: WorkspaceFinder,
  ) {}

  fileExists = (fileName: string): boolean => {
    if (this.fs.fileExists(fileName)) return true;
    const target = this.workspaceTarget(fileName);
    return target !== undefined && this.fs.fileExists(path.join(target.pkg.dir, target.rest));
  };

  readFile = (fileName: string): string | undefined => {
    const text = this.fs.readFile(fileName);
    if (text !== undefined) return text;
    const target = this.workspaceTarget(fileName);
    return target && this.fs.readFile(path.join(target.pkg.dir, target.rest));
  };

  directoryExists = (dirName: string): boolean => {
    if (this.fs.directoryExists(dirName)) return true;
    // The workspace root's own node_modules "exists" when packages may be linked into it.
    if (path.basename(dirName) === 'node_modules') {
      const workspace = this.workspaces.workspaceOf(path.dirname(dirName));
      return workspace !== undefined && workspace.root === path.dirname(path.resolve(dirName)) && workspace.packages.size > 0;
    }
    const target = this.workspaceTarget(dirName);
    return target !== undefined && this.fs.directoryExists(path.join(target.pkg.dir, target.rest));
  };

  realpath = (fileName: string): string => {
    if (this.fs.fileExists(fileName) || this.fs.directoryExists(fileName)) return fileName;
    const target = this.workspaceTarget(fileName);
    return target ? path.join(target.pkg.dir, target.rest) : fileName;
  };

  getCurrentDirectory = (): string => process.cwd();

  getDirectories = (dirName: string): string[] => this.fs.directories(dirName);

  /** The workspace package a `node_modules` path points into, when the workspace has it. */
  workspaceTarget(fileName: string): WorkspaceTarget | undefined {
    const resolved = path.resolve(fileName);
    const at = resolved.lastIndexOf(NODE_MODULES);
    if (at < 0) return undefined;
    const below = resolved.slice(at + NODE_MODULES.length).split(path.sep);
    const nameLength = below[0]?.startsWith('@') ? 2 : 1;
    if (below.length < nameLength) return undefined;
    const name = below.slice(0, nameLength).join('/');
    const pkg = this.workspaces.workspaceOf(resolved.slice(0, at))?.packages.get(name);
    return pkg && { pkg, rest: below.slice(nameLength).join(path.sep) };
  }

  /** The workspace package a bare specifier names (`@acme/ui/button` -> `@acme/ui`), seen from a folder. */
  workspacePackage(specifier: string, fromDir: string): { pkg: WorkspacePackage; subpath: string } | undefined {
    const parts = specifier.split('/');
    const nameLength = specifier.startsWith('@') ? 2 : 1;
    const pkg = this.workspaces.workspaceOf(fromDir)?.packages.get(parts.slice(0, nameLength).join('/'));
    return pkg && { pkg, subpath: parts.slice(nameLength).join('/') };
  }
}
