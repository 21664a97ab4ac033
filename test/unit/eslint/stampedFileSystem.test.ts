import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { StampedDiskFileSystem } from '../../../server/src/eslint/stampedFileSystem';

test('the stamped disk names the files whose text changed and the folders whose entries changed, each once', () => {
  const root = mkdtempSync(join(tmpdir(), 'nal-stamped-'));
  const file = join(root, 'helper.ts');
  writeFileSync(file, 'export async function a() {}\n');
  const disk = new StampedDiskFileSystem();
  assert.equal(disk.readFile(file), 'export async function a() {}\n');
  assert.equal(disk.fileExists(join(root, 'missing.ts')), false);
  assert.deepEqual(disk.changes(), { files: [], folders: [] });

  writeFileSync(file, 'export function a(): void { return }\n');
  assert.deepEqual(disk.changes(), { files: [file], folders: [] });
  assert.deepEqual(disk.changes(), { files: [], folders: [] }, 'a change is named once');

  // How editors save: write a temporary file, rename it over the old one. The folder's names stay.
  writeFileSync(join(root, 'helper.ts.tmp'), 'export const a = 1\n');
  renameSync(join(root, 'helper.ts.tmp'), file);
  assert.deepEqual(disk.changes(), { files: [file], folders: [] });

  writeFileSync(join(root, 'missing.ts'), 'export {}\n');
  assert.deepEqual(disk.changes(), { files: [], folders: [root] }, 'a file that appeared where resolution looked');
});
