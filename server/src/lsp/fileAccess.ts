import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { ReadTextFile } from '../analysis';

/** Larger files are not read from disk (a generated bundle is no source worth typing). */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * What may be read in the folders above an opened document (outside the workspace folders too):
 * the files that say which Next.js app (and its crons) and which TypeScript project it belongs to, nothing else.
 */
const PROJECT_MARKERS = new Set(['package.json', 'next.config.js', 'next.config.mjs', 'next.config.cjs', 'next.config.ts', 'vercel.json', 'tsconfig.json', 'jsconfig.json']);

/**
 * The only way the server reads the disk, so "reads nothing else" holds by construction: files
 * under the workspace folders, the documents the client opened, the project markers in the
 * folders above them, and our own TypeScript lib files. It reads text; it never loads code.
 */
export class FileAccess {
  private roots: string[] = [];
  private readonly ownFolders: string[] = [];
  private readonly documents = new Set<string>();
  private readonly documentFolders = new Set<string>();

  setWorkspaceFolders(folders: readonly string[]): void {
    this.roots = folders.map((folder) => path.resolve(folder));
  }

  get folders(): readonly string[] {
    return this.roots;
  }

  /** Folders of our own that may be read too: TypeScript's lib files beside the server bundle. */
  allowOwnFolder(folder: string): void {
    this.ownFolders.push(path.resolve(folder));
  }

  /** A document the client sent: it may be read, and so may the project markers above it. */
  documentOpened(filePath: string): void {
    const resolved = path.resolve(filePath);
    this.documents.add(resolved);
    this.documentFolders.add(path.dirname(resolved));
  }

  isAllowed(filePath: string): boolean {
    const resolved = path.resolve(filePath);
    if (this.isUnder(resolved, this.roots) || this.isUnder(resolved, this.ownFolders) || this.documents.has(resolved)) return true;
    if (!PROJECT_MARKERS.has(path.basename(resolved))) return false;
    const folder = path.dirname(resolved);
    for (const documentFolder of this.documentFolders) if (isInside(documentFolder, folder)) return true;
    return false;
  }

  readonly readTextFile: ReadTextFile = (filePath) => {
    if (!this.isAllowed(filePath)) return undefined;
    try {
      if (statSync(filePath).size > MAX_FILE_BYTES) return undefined;
      return readFileSync(filePath, 'utf8');
    } catch {
      return undefined;
    }
  };

  private isUnder(filePath: string, folders: readonly string[]): boolean {
    return folders.some((folder) => isInside(filePath, folder));
  }
}

/** Whether `child` is `parent` or inside it. */
function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
