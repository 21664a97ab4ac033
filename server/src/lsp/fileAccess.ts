import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { ReadTextFile } from '../analysis';

/** Larger files are not read from disk (a generated bundle is no source worth typing). */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * The only way the server reads the disk: text files under the workspace folders, or in the
 * folders above a document the client opened outside them. It never loads a file as code.
 */
export class FileAccess {
  private roots: string[] = [];
  private readonly documentFolders = new Set<string>();

  setWorkspaceFolders(folders: readonly string[]): void {
    this.roots = folders.map((folder) => path.resolve(folder));
  }

  /** A document outside every workspace folder may still find its app in the folders above it. */
  documentOpened(filePath: string): void {
    if (!this.isUnderWorkspace(filePath)) this.documentFolders.add(path.dirname(path.resolve(filePath)));
  }

  /** Folders of our own that may be read too: TypeScript's lib files beside the server bundle. */
  private readonly ownFolders: string[] = [];

  allowOwnFolder(folder: string): void {
    this.ownFolders.push(path.resolve(folder));
  }

  isAllowed(filePath: string): boolean {
    const resolved = path.resolve(filePath);
    if (this.isUnderWorkspace(resolved) || this.ownFolders.some((folder) => isInside(resolved, folder))) return true;
    const folder = path.dirname(resolved);
    for (const documentFolder of this.documentFolders) if (isInside(documentFolder, folder)) return true;
    return false;
  }

  readonly readTextFile: ReadTextFile = (filePath) => {
    if (!this.isAllowed(filePath) || !existsSync(filePath)) return undefined;
    try {
      if (statSync(filePath).size > MAX_FILE_BYTES) return undefined;
      return readFileSync(filePath, 'utf8');
    } catch {
      return undefined;
    }
  };

  private isUnderWorkspace(filePath: string): boolean {
    const resolved = path.resolve(filePath);
    return this.roots.some((root) => isInside(resolved, root));
  }
}

/** Whether `child` is `parent` or inside it. */
function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
