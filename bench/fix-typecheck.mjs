// `node bench/fix-typecheck.mjs --root <repository> --app <app folder inside it> [--link-workspaces] [--cli <cli.js>]`
//
// Runs `next-after-lint --fix` on a copy of a real Next.js app, then type-checks every file the fix
// changed with the app's own tsconfig.json and the bundled TypeScript, in the copy before and after
// the fix. Prints, per changed file, the TypeScript diagnostics the fix added or removed (compared as
// code and message: positions move), leaving out modules that are not installed (TS2307, TS2792,
// TS7016), then one JSON summary. Nothing of the app is executed; the copies go to the system's temp
// folder. `--link-workspaces` links the repository's workspace packages into the app's node_modules
// in both copies, as `pnpm install` would, so a `tsconfig` that extends one of them resolves.
// `--cli` runs another build of the command line (an older one, to compare), `dist/cli.js` by default.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

const root = new URL('..', import.meta.url).pathname;
const argument = (name) => {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? undefined : process.argv[index + 1];
};
const source = argument('root');
const app = argument('app') ?? '.';
if (!source || !existsSync(join(source, app))) {
  console.error('usage: node bench/fix-typecheck.mjs --root <repository> --app <app folder inside it> [--link-workspaces]');
  process.exit(2);
}
const UNRESOLVED_MODULE = new Set([2307, 2792, 7016]);

const work = mkdtempSync(join(tmpdir(), 'nal-fix-typecheck-'));
const before = join(work, 'before');
const after = join(work, 'after');
for (const copy of [before, after]) {
  cpSync(source, copy, { recursive: true, filter: (path) => !/\/(\.git|node_modules|\.next)$/.test(path) });
  if (process.argv.includes('--link-workspaces')) linkWorkspaces(copy);
}

const started = Date.now();
const cli = spawnSync(process.execPath, [argument('cli') ?? join(root, 'dist', 'cli.js'), app, '--fix', '--format', 'json'], { cwd: after, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
if (cli.status === 2) throw new Error(`next-after-lint failed: ${cli.stderr}`);
const fixSeconds = (Date.now() - started) / 1000;
const changed = [...cli.stderr.matchAll(/^next-after-lint: fixed \d+ problems? in (.+)$/gm)].map((match) => match[1]);
const findingsLeft = JSON.parse(cli.stdout);

const diagnosticsBefore = diagnosticsOf(before, changed);
const diagnosticsAfter = diagnosticsOf(after, changed);
let differing = 0;
let totalBefore = 0;
let totalAfter = 0;
for (const file of changed) {
  const was = diagnosticsBefore.get(file);
  const is = diagnosticsAfter.get(file);
  totalBefore += was.length;
  totalAfter += is.length;
  const added = difference(is, was);
  const removed = difference(was, is);
  if (added.length === 0 && removed.length === 0) continue;
  differing++;
  console.log(`${file}\n${[...added.map((d) => `  + ${d}`), ...removed.map((d) => `  - ${d}`)].join('\n')}`);
}
console.log(
  JSON.stringify(
    {
      app: join(source, app),
      sourceFiles: countFiles(join(before, app), /\.(ts|tsx|js|jsx|mjs|cjs)$/),
      routeHandlers: countFiles(join(before, app), /^route\.(ts|tsx|js|jsx)$/),
      filesChangedByFix: changed.length,
      findingsLeftAfterFix: findingsLeft.length,
      filesWithOtherDiagnostics: differing,
      diagnosticsBefore: totalBefore,
      diagnosticsAfter: totalAfter,
      fixSeconds,
      copies: work,
    },
    null,
    2,
  ),
);
process.exit(differing === 0 ? 0 : 1);

/** The diagnostics of each file, type-checked as part of the app's program (its tsconfig.json). */
function diagnosticsOf(tree, files) {
  const appDir = join(tree, app);
  const configPath = join(appDir, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, appDir, undefined, configPath);
  const program = ts.createProgram({ rootNames: files.map((file) => join(tree, file)), options: { ...parsed.options, noEmit: true, incremental: false } });
  const result = new Map();
  for (const file of files) {
    const sourceFile = program.getSourceFile(join(tree, file));
    const diagnostics = sourceFile ? [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)] : [];
    result.set(
      file,
      diagnostics.filter((d) => !UNRESOLVED_MODULE.has(d.code)).map((d) => `TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`),
    );
  }
  return result;
}

function difference(list, other) {
  const left = new Map();
  for (const item of other) left.set(item, (left.get(item) ?? 0) + 1);
  return list.filter((item) => {
    const count = left.get(item) ?? 0;
    if (count > 0) left.set(item, count - 1);
    return count === 0;
  });
}

function countFiles(dir, pattern) {
  let count = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) continue;
    let stats;
    try {
      stats = statSync(path);
    } catch {
      continue;
    }
    if (stats.isDirectory()) count += countFiles(path, pattern);
    else if (pattern.test(name)) count++;
  }
  return count;
}

/** Every package.json under the repository (outside node_modules): a workspace package by its name. */
function linkWorkspaces(tree) {
  const modules = join(tree, app, 'node_modules');
  const visit = (dir, depth) => {
    if (depth > 4) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === 'node_modules' || name.startsWith('.')) continue;
      if (!statSync(path).isDirectory()) continue;
      const manifest = join(path, 'package.json');
      if (existsSync(manifest) && relative(tree, path) !== app) {
        const { name: packageName } = JSON.parse(readFileSync(manifest, 'utf8'));
        const link = packageName && join(modules, packageName);
        if (link && !existsSync(link)) {
          mkdirSync(dirname(link), { recursive: true });
          symlinkSync(path, link);
        }
      }
      visit(path, depth + 1);
    }
  };
  visit(tree, 0);
}
