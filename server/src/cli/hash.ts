import { createHash } from 'node:crypto';

/** The key of a text in the `--cache` file. */
export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}
