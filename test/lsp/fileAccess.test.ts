import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { FileAccess } from '../../server/src/lsp/fileAccess';
import { ProjectResolver } from '../../server/src/lsp/project';

/** A scratch tree: `ws/` is the workspace folder, everything else lies outside it. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'nal-access-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const NEXT = JSON.stringify({ dependencies: { next: '15.3.0' } });

describe('the server reads the disk only where it may', () => {
  const root = tree({
    'ws/package.json': NEXT,
    'ws/app/page.tsx': 'export default function Page() {}',
    'ws-evil/secret.txt': 'secret',
    'secret.txt': 'secret',
    'package.json': NEXT,
    'outside/package.json': NEXT,
    'outside/vercel.json': JSON.stringify({ crons: [{ path: '/api/cron/sync', schedule: '0 0 * * *' }] }),
    'outside/notes.txt': 'private',
    'outside/app/page.tsx': 'export default function Page() {}',
    'outside/app/other.ts': 'export {}',
    'lib/lib.d.ts': 'declare var x: number',
  });
  const access = (): FileAccess => {
    const files = new FileAccess();
    files.setWorkspaceFolders([join(root, 'ws')]);
    files.allowOwnFolder(join(root, 'lib'));
    return files;
  };

  test('files under the workspace folders and our own lib folder are read, nothing else', () => {
    const files = access();
    assert.equal(files.readTextFile(join(root, 'ws/package.json')), NEXT);
    assert.equal(files.readTextFile(join(root, 'lib/lib.d.ts')), 'declare var x: number');
    for (const refused of ['secret.txt', 'ws-evil/secret.txt', 'ws/../secret.txt', 'package.json', 'outside/package.json', 'outside/app/page.tsx']) {
      assert.equal(files.isAllowed(join(root, refused)), false, refused);
      assert.equal(files.readTextFile(join(root, refused)), undefined, refused);
    }
    assert.equal(files.readTextFile('/etc/passwd'), undefined);
  });

  test('a document opened outside the workspace: itself and the project markers above it, not its neighbours', () => {
    const files = access();
    files.documentOpened(join(root, 'outside/app/page.tsx'));
    assert.ok(files.readTextFile(join(root, 'outside/app/page.tsx')));
    assert.equal(files.readTextFile(join(root, 'outside/package.json')), NEXT);
    assert.equal(files.isAllowed(join(root, 'package.json')), true, 'markers of every folder above');
    for (const refused of ['outside/notes.txt', 'outside/app/other.ts', 'secret.txt', 'outside/app/sub/package.json']) {
      assert.equal(files.readTextFile(join(root, refused)), undefined, refused);
    }
  });

  test('the app of a document is looked up through the guard', () => {
    const files = access();
    const projects = new ProjectResolver(files);
    assert.equal(projects.resolve(pathToFileURL(join(root, 'ws/app/page.tsx')).href)?.appRelativePath, 'app/page.tsx');
    const outside = projects.resolve(pathToFileURL(join(root, 'outside/app/page.tsx')).href);
    assert.equal(outside?.appRelativePath, 'app/page.tsx');
    assert.deepEqual(outside?.cronPaths, ['/api/cron/sync'], "the app's vercel.json is a project marker too");
    assert.equal(projects.resolve('untitled:Untitled-1'), undefined);

    // A workspace folder inside an app: the package.json above it is a project marker of the document.
    const nested = new FileAccess();
    nested.setWorkspaceFolders([join(root, 'ws/app')]);
    assert.equal(new ProjectResolver(nested).resolve(pathToFileURL(join(root, 'ws/app/page.tsx')).href)?.appRelativePath, 'app/page.tsx');
    assert.equal(nested.readTextFile(join(root, 'secret.txt')), undefined);
  });
});
