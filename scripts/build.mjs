// Bundles the extension client, the language server, the CLI, the ESLint plugin and the tests with esbuild.
// Usage: node scripts/build.mjs [--production]
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const production = process.argv.includes('--production');
const root = new URL('..', import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
};

function testEntries(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'fixtures' || name === 'e2e-workspace') continue;
    if (statSync(path).isDirectory()) found.push(...testEntries(path));
    else if (name.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

/** A hash of the engine's sources and the version: a `--cache` file written by another build is not trusted. */
function buildId() {
  const hash = createHash('sha1');
  const add = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) add(path);
      else hash.update(path).update(readFileSync(path));
    }
  };
  add(join(root, 'server', 'src'));
  hash.update(version);
  return hash.digest('hex').slice(0, 16);
}

if (process.argv.includes('--clean')) rmSync(join(root, '.build'), { recursive: true, force: true });

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js' }),
  // The language server's analysis thread (project index, whole-app checks, optional type checker).
  esbuild.build({ ...common, entryPoints: ['server/src/lsp/worker/workerMain.ts'], outfile: 'server/out/worker.js' }),
  // The CLI's front never loads TypeScript; its engine (also the worker threads' script) does.
  esbuild.build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, define: { NEXT_AFTER_LINT_BUILD: JSON.stringify(buildId()) } }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli/engineEntry.ts'], outfile: 'dist/cli-engine.js' }),
  // `next-after-lint/eslint`: the engine with TypeScript inside; ESLint is only ever the caller, never imported.
  esbuild.build({ ...common, entryPoints: ['server/src/eslint/index.ts'], outfile: 'dist/eslint.js', define: { NEXT_AFTER_LINT_VERSION: JSON.stringify(version) } }),
  // The e2e suite runs inside the extension host, where `vscode` is provided.
  esbuild.build({ ...common, entryPoints: ['test/e2e/suite/index.ts'], outfile: '.build/e2e/suite/index.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['test/fuzz/main.ts'], outfile: '.build/fuzz/main.js', packages: 'external' }),
  esbuild.build({
    ...common,
    entryPoints: testEntries(join(root, 'test')).map((file) => relative(root, file)),
    outbase: 'test',
    outdir: '.build/tests',
    packages: 'external',
  }),
]);

// The bundled TypeScript looks for its lib.*.d.ts next to the bundle (the type checker needs
// Promise and friends): ship them beside the server and the CLI.
const libDir = join(root, 'node_modules', 'typescript', 'lib');
for (const outDir of ['server/out', 'dist']) {
  mkdirSync(join(root, outDir), { recursive: true });
  for (const name of readdirSync(libDir)) if (/^lib\..*\.d\.ts$/.test(name)) copyFileSync(join(libDir, name), join(root, outDir, name));
}
