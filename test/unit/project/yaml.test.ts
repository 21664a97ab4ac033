import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseYaml } from '../../../server/src/analysis/project/yaml';

test('pnpm-workspace.yaml: packages, catalog and named catalogs, comments and quotes', () => {
  const yaml = parseYaml(`# workspace
packages:
  - "apps/*"   # the apps
  - 'packages/*'
  - '!**/test/**'
catalog:
  next: ^15.1.0
  "@types/node": 22.10.0
  react: 'npm:react@19.0.0'
catalogs:
  legacy:
    next: 14.2.3 # pinned
onlyBuiltDependencies: [esbuild, "sharp"]
`);
  assert.deepEqual(yaml, {
    packages: ['apps/*', 'packages/*', '!**/test/**'],
    catalog: { next: '^15.1.0', '@types/node': '22.10.0', react: 'npm:react@19.0.0' },
    catalogs: { legacy: { next: '14.2.3' } },
    onlyBuiltDependencies: ['esbuild', 'sharp'],
  });
});

test('a sequence at the key\'s own indentation, mappings inside sequences, and empty input', () => {
  assert.deepEqual(parseYaml('packages:\n- apps/*\n- tools/cli\n'), { packages: ['apps/*', 'tools/cli'] });
  assert.deepEqual(parseYaml('overrides:\n  - name: a\n    version: 1\n  - name: b\n'), { overrides: [{ name: 'a', version: '1' }, { name: 'b' }] });
  assert.equal(parseYaml('# nothing\n\n'), undefined);
  assert.deepEqual(parseYaml('url: "http://x#y"\nkey: a#b\n'), { url: 'http://x#y', key: 'a#b' });
});
