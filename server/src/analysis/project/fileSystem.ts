import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * How the project index sees the disk: text and folder listings, never code. The CLI reads every
 * path it is given; the language server wraps the same shape around its access rules.
 */
export interface TextFileSystem {
  readFile(filePath: string): string | undefined;
  fileExists(filePath: string): boolean;
  directoryExists(dirPath: string): boolean;
  /** Names of the sub-folders of a folder ([] when it cannot be listed). */
  directories(dirPath: string): string[];
  /** Names of the files of a folder ([] when it cannot be listed). */
  files(dirPath: string): string[];
}

type EntryKind = 'file' | 'dir';

/** Files longer than this are not source worth indexing (a generated bundle, a data dump). */
export const MAX_INDEXED_FILE_BYTES = 5 * 1024 * 1024;

/**
 * The disk behind a cache of folder listings: module resolution probes many candidate names
 * (`x.ts`, `x.tsx`, `x/index.ts` ...) and each probe is a map lookup instead of a system call.
 * `forget` drops what a change on disk made stale (the editor's watched-file events).
 */
export class CachedDiskFileSystem implements TextFileSystem {
  private readonly listings = new Map<string, Map<string, EntryKind> | null>();

  constructor(private readonly allowed: (filePath: string) => boolean = () => true) {}

  readFile(filePath: string): string | undefined {
    if (!this.allowed(filePath) || !this.fileExists(filePath)) return undefined;
    try {
      const buffer = fs.readFileSync(filePath);
      return buffer.length > MAX_INDEXED_FILE_BYTES ? undefined : buffer.toString('utf8');
    } catch {
      return undefined;
    }
  }

  fileExists(filePath: string): boolean {
    return this.kindOf(filePath) === 'file';
  }

  directoryExists(dirPath: string): boolean {
    return this.kindOf(dirPath) === 'dir';
  }

  directories(dirPath: string): string[] {
    return this.namesOf(dirPath, 'dir');
  }

  files(dirPath: string): string[] {
    return this.namesOf(dirPath, 'file');
  }

  private namesOf(dirPath: string, wanted: EntryKind): string[] {
    const listing = this.listing(path.resolve(dirPath));
    return listing ? [...listing].filter(([, kind]) => kind === wanted).map(([name]) => name) : [];
  }

  /** A file or folder changed, appeared or went away: its folder is listed again when next asked. */
  forget(changedPath: string): void {
    const resolved = path.resolve(changedPath);
    this.listings.delete(path.dirname(resolved));
    this.listings.delete(resolved);
  }

  forgetAll(): void {
    this.listings.clear();
  }

  private kindOf(target: string): EntryKind | undefined {
    const resolved = path.resolve(target);
    const parent = path.dirname(resolved);
    if (parent === resolved) return 'dir';
    return this.listing(parent)?.get(path.basename(resolved));
  }

  private listing(dir: string): Map<string, EntryKind> | null {
    let listing = this.listings.get(dir);
    if (listing !== undefined) return listing;
    listing = null;
    if (this.allowed(dir)) {
      try {
        listing = new Map();
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          const kind = entry.isDirectory() ? 'dir' : entry.isFile() ? 'file' : entry.isSymbolicLink() ? symlinkKind(path.join(dir, entry.name)) : undefined;
          if (kind) listing.set(entry.name, kind);
        }
      } catch {
        listing = null;
      }
    }
    this.listings.set(dir, listing);
    return listing;
  }
}

/** pnpm links workspace packages into node_modules: a link counts as what it points at. */
function symlinkKind(linkPath: string): EntryKind | undefined {
  try {
    const stats = fs.statSync(linkPath);
    return stats.isDirectory() ? 'dir' : stats.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}
