import * as fs from 'node:fs';
import * as path from 'node:path';
import { CachedDiskFileSystem } from '../analysis';

/** What changed on disk since it was first read: files whose text changed, folders whose entries changed. */
export interface DiskChanges {
  files: string[];
  folders: string[];
}

interface Stamp {
  kind: 'file' | 'folder';
  /** Size and mtime when first read; undefined when it could not be stat'ed. */
  seen: string | undefined;
  /** A folder's entry names when first listed: its mtime also moves when a file in it is replaced by a rename. */
  names?: string;
}

function stampOf(target: string): string | undefined {
  try {
    const stats = fs.statSync(target);
    return `${stats.size}:${stats.mtimeMs}`;
  } catch {
    return undefined;
  }
}

function namesIn(folder: string): string | undefined {
  try {
    return fs.readdirSync(folder).sort().join('\0');
  } catch {
    return undefined;
  }
}

/**
 * The disk as a long-lived ESLint process sees it (editor integrations keep one running for hours):
 * the size and mtime of every file read and every folder listed are noted when first used, so
 * `changes()` can name what moved since, and the caches built on top can drop exactly that.
 */
export class StampedDiskFileSystem extends CachedDiskFileSystem {
  private readonly stamps = new Map<string, Stamp>();

  override readFile(filePath: string): string | undefined {
    // Stamped before the read: a change during the read shows up at the next check.
    if (this.fileExists(filePath)) this.note(path.resolve(filePath), 'file');
    return super.readFile(filePath);
  }

  override fileExists(filePath: string): boolean {
    this.note(path.dirname(path.resolve(filePath)), 'folder');
    return super.fileExists(filePath);
  }

  override directoryExists(dirPath: string): boolean {
    this.note(path.dirname(path.resolve(dirPath)), 'folder');
    return super.directoryExists(dirPath);
  }

  override directories(dirPath: string): string[] {
    this.note(path.resolve(dirPath), 'folder');
    return super.directories(dirPath);
  }

  override files(dirPath: string): string[] {
    this.note(path.resolve(dirPath), 'folder');
    return super.files(dirPath);
  }

  /** Stats everything noted so far; what differs is returned and noted anew. */
  changes(): DiskChanges {
    const changes: DiskChanges = { files: [], folders: [] };
    for (const [target, stamp] of this.stamps) {
      const now = stampOf(target);
      if (now === stamp.seen) continue;
      stamp.seen = now;
      if (stamp.kind === 'file') changes.files.push(target);
      else {
        // Editors save by writing a temporary file and renaming it: the names stay, nothing came or went.
        const names = namesIn(target);
        if (names !== stamp.names) changes.folders.push(target);
        stamp.names = names;
      }
    }
    return changes;
  }

  private note(target: string, kind: Stamp['kind']): void {
    if (this.stamps.has(target)) return;
    this.stamps.set(target, kind === 'file' ? { kind, seen: stampOf(target) } : { kind, seen: stampOf(target), names: namesIn(target) });
  }
}
