import { existsSync, readFileSync } from 'node:fs';

/** A text file's content, or undefined when it is missing or unreadable. */
export function readText(path: string): string | undefined {
  // A missing file would cost an exception; folders walked for package.json mostly have none.
  if (!existsSync(path)) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
