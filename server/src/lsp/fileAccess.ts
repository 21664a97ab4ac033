import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { ReadTextFile } from '../analysis';

/** package.json and next.config files are small; anything bigger is not read. */
const MAX_CONFIG_BYTES = 1024 * 1024;

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

  isAllowed(filePath: string): boolean {
    const resolved = path.resolve(filePath);
    if (this.isUnderWorkspace(resolved)) return true;
    const folder = path.dirname(resolved);
    for (const documentFolder of this.documentFolders) if (isInside(documentFolder, folder)) return true;
    return false;
  }

  readonly readTextFile: ReadTextFile = (filePath) => {
    if (!this.isAllowed(filePath)) return undefined;
    try {
      if (statSync(filePath).size > MAX_CONFIG_BYTES) return undefined;
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
