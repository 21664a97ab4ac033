import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { findNextApp } from '../../../server/src/analysis';
import { CachedDiskFileSystem } from '../../../server/src/analysis/project/fileSystem';
import { WorkspaceFinder } from '../../../server/src/analysis/project/workspace';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'nal-ws-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const manifest = (name: string, extra: object = {}): string => JSON.stringify({ name, ...extra });
const read = (fs: CachedDiskFileSystem) => (path: string) => fs.readFile(path);

describe('workspaces', () => {
  test('pnpm globs with a negation; the nearest root above a folder', () => {
    const root = tree({
      'pnpm-workspace.yaml': "packages:\n  - 'apps/*'\n  - 'packages/**'\n  - '!packages/internal/**'\n",
      'apps/web/package.json': manifest('web'),
      'packages/ui/package.json': manifest('@acme/ui'),
      'packages/tools/lint/package.json': manifest('@acme/lint'),
      'packages/internal/secret/package.json': manifest('@acme/secret'),
      'packages/ui/node_modules/dep/package.json': manifest('dep'),
    });
    const workspace = new WorkspaceFinder(new CachedDiskFileSystem()).workspaceOf(join(root, 'apps', 'web', 'app'));
    assert.equal(workspace?.root, root);
    assert.deepEqual([...workspace!.packages.keys()].sort(), ['@acme/lint', '@acme/ui', 'web']);
    assert.equal(workspace!.packages.get('@acme/ui')!.dir, join(root, 'packages', 'ui'));
  });

  test('npm/yarn workspaces, as a list or as { packages }', () => {
    const list = tree({ 'package.json': JSON.stringify({ workspaces: ['apps/*'] }), 'apps/a/package.json': manifest('a') });
    const object = tree({ 'package.json': JSON.stringify({ workspaces: { packages: ['libs/*'] } }), 'libs/b/package.json': manifest('b') });
    const finder = new WorkspaceFinder(new CachedDiskFileSystem());
    assert.deepEqual([...finder.workspaceOf(join(list, 'apps', 'a'))!.packages.keys()], ['a']);
    assert.deepEqual([...finder.workspaceOf(join(object, 'libs', 'b'))!.packages.keys()], ['b']);
    assert.equal(finder.workspaceOf(tmpdir()), undefined);
  });
});

describe('the Next.js version of an app', () => {
  test('the installed version wins over the declared range, searched upward as Node does', () => {
    const root = tree({
      'node_modules/next/package.json': JSON.stringify({ name: 'next', version: '15.2.4' }),
      'apps/web/package.json': JSON.stringify({ dependencies: { next: '^15.0.0' } }),
      'apps/web/app/page.tsx': '',
    });
    const app = findNextApp(join(root, 'apps/web/app/page.tsx'), read(new CachedDiskFileSystem()));
    assert.deepEqual([app?.nextVersion, app?.nextVersionSource], ['15.2.4', 'installed']);
  });

  test('catalog: and catalog:<name> are looked up in pnpm-workspace.yaml; a missing entry is unknown', () => {
    const root = tree({
      'pnpm-workspace.yaml': 'packages:\n  - apps/*\ncatalog:\n  next: 15.3.0\ncatalogs:\n  old:\n    next: ~15.0.2\n',
      'apps/a/package.json': JSON.stringify({ dependencies: { next: 'catalog:' } }),
      'apps/b/package.json': JSON.stringify({ dependencies: { next: 'catalog:old' } }),
      'apps/c/package.json': JSON.stringify({ dependencies: { next: 'catalog:missing' } }),
      'apps/d/package.json': JSON.stringify({ dependencies: { next: '15.1.0' } }),
    });
    const fs = new CachedDiskFileSystem();
    const version = (app: string) => {
      const found = findNextApp(join(root, 'apps', app, 'page.tsx'), read(fs));
      return [found?.nextVersion, found?.nextVersionSource];
    };
    assert.deepEqual(version('a'), ['15.3.0', 'catalog']);
    assert.deepEqual(version('b'), ['~15.0.2', 'catalog']);
    assert.deepEqual(version('c'), [undefined, undefined]);
    assert.deepEqual(version('d'), ['15.1.0', 'dependency']);
  });
});
