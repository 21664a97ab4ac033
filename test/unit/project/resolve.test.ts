import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CachedDiskFileSystem } from '../../../server/src/analysis/project/fileSystem';
import { ModuleResolver } from '../../../server/src/analysis/project/resolve';

const MONOREPO = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'monorepo');
const web = (path: string): string => join(MONOREPO, 'apps', 'web', path);
const pkg = (path: string): string => join(MONOREPO, 'packages', path);

describe('module resolution over text reads', () => {
  const resolver = new ModuleResolver(new CachedDiskFileSystem());
  const from = web('src/app/api/signup/route.ts');
  const resolve = (specifier: string, containing = from) => resolver.resolve(specifier, containing)?.fileName;

  test('tsconfig paths from a config the app extends, relative to that config', () => {
    assert.equal(resolve('~lib/audit'), web('src/lib/audit.ts'));
    assert.equal(resolve('@/lib/db'), web('src/lib/db.ts'));
    assert.equal(resolve('../../../lib/visits'), web('src/lib/visits.ts'));
  });

  test('extends into a workspace package that is not installed', () => {
    const { options } = resolver.options.optionsFor(from);
    assert.equal(options.strict, true, '@acme/tsconfig/nextjs.json was read');
    assert.ok(options.paths?.['~lib/*'], 'tsconfig.paths.json was read');
  });

  test('workspace packages: an unbuilt dist/ entry maps to src/, exports patterns, main', () => {
    assert.equal(resolve('@acme/analytics'), pkg('analytics/src/index.ts'));
    assert.equal(resolve('@acme/email/templates/welcome'), pkg('email/src/templates/welcome.tsx'));
    assert.equal(resolve('@acme/auth'), pkg('auth/src/index.ts'));
    assert.equal(resolve('.', pkg('email/src/welcome.ts')), pkg('email/src/index.ts'));
    assert.equal(resolver.resolve('@acme/auth', from)?.isPackage, false);
  });

  test('a package that is not installed does not resolve; an installed one resolves to its .d.ts', () => {
    assert.equal(resolve('resend'), undefined);
    const root = mkdtempSync(join(tmpdir(), 'nal-resolve-'));
    mkdirSync(join(root, 'node_modules', 'some-sdk'), { recursive: true });
    mkdirSync(join(root, 'app'));
    writeFileSync(join(root, 'node_modules', 'some-sdk', 'package.json'), JSON.stringify({ name: 'some-sdk', types: './index.d.ts', main: './index.js' }));
    writeFileSync(join(root, 'node_modules', 'some-sdk', 'index.d.ts'), 'export declare function send(): Promise<void>\n');
    writeFileSync(join(root, 'app', 'route.ts'), '');
    const found = new ModuleResolver(new CachedDiskFileSystem()).resolve('some-sdk', join(root, 'app', 'route.ts'));
    assert.deepEqual(found, { fileName: join(root, 'node_modules', 'some-sdk', 'index.d.ts'), isPackage: true });
  });
});
