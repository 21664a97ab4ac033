import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { ServerSession } from '../lsp/serverProcess';

const root = join(__dirname, '..', '..', '..');

/** Code that writes `marker` when executed, in the forms a workspace could hide it. */
function trappedWorkspace(marker: string): string {
  const workspace = mkdtempSync(join(tmpdir(), 'nal-trap-'));
  const write = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'executed ' + __filename)`;
  const esmWrite = `import { writeFileSync } from 'node:fs'\nwriteFileSync(${JSON.stringify(marker)}, 'executed ' + import.meta.url)`;
  const files: Record<string, string> = {
    'package.json': JSON.stringify({
      name: 'trap',
      dependencies: { next: '15.3.0' },
      scripts: { preinstall: `node -e "${write.replace(/"/g, '\\"')}"`, prepare: 'node trap.js', postinstall: 'node trap.js', lint: 'node trap.js' },
      nextAfterLint: { rules: { 'await-after': 'warning' } },
    }),
    'trap.js': write,
    'next.config.js': `${write}\nmodule.exports = {}`,
    'next.config.mjs': `${esmWrite}\nexport default {}`,
    'postcss.config.js': write,
    'tsconfig.json': JSON.stringify({ compilerOptions: { plugins: [{ name: './trap.js' }] }, extends: './trap.js' }),
    'app/page.tsx': `${esmWrite}\nimport { after } from 'next/server'\nexport default async function Page() { await after(() => {}); return <main /> }\n`,
    'app/api/route.ts': `${write}\nexport async function GET() { return new Response() }\n`,
    'lib/helper.js': `${write}\nmodule.exports = {}\n`,
    'node_modules/next/package.json': JSON.stringify({ name: 'next', version: '15.3.0', main: 'index.js' }),
    'node_modules/next/index.js': write,
    'node_modules/next/server.js': write,
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(workspace, path)), { recursive: true });
    writeFileSync(join(workspace, path), text);
  }
  return workspace;
}

test('the CLI analyses a trapped workspace, with and without types, and executes none of it', () => {
  const marker = join(mkdtempSync(join(tmpdir(), 'nal-marker-')), 'marker');
  const workspace = trappedWorkspace(marker);
  for (const args of [['.', '--format', 'json'], ['.', '--types', '--format', 'json'], ['.', '--fix']]) {
    const run = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { cwd: workspace, encoding: 'utf8' });
    assert.ok(run.status === 0 || run.status === 1, `${args.join(' ')}: ${run.stderr}`);
  }
  const json = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), '.', '--format', 'json'], { cwd: workspace, encoding: 'utf8' });
  assert.ok(JSON.parse(json.stdout).length >= 0, 'the analysis ran');
  assert.equal(existsSync(marker), false, existsSync(marker) ? readFileSync(marker, 'utf8') : '');
});

test('the language server opens trapped files (syntactic and semantic passes) and executes none of them', async () => {
  const marker = join(mkdtempSync(join(tmpdir(), 'nal-marker-')), 'marker');
  const workspace = trappedWorkspace(marker);
  const session = new ServerSession(workspace);
  try {
    await session.initialize();
    for (const path of ['app/page.tsx', 'app/api/route.ts', 'next.config.js', 'next.config.mjs', 'postcss.config.js', 'lib/helper.js']) {
      const uri = session.open(path, readFileSync(join(workspace, path), 'utf8'), path.endsWith('x') ? 'typescriptreact' : path.endsWith('.ts') ? 'typescript' : 'javascript');
      await session.until(`the semantic pass of ${path}`, () => session.analysedPhases(uri, 1).includes('semantic') || undefined);
    }
    const pageDiagnostics = session.lastPublished(`${new URL(`file://${join(workspace, 'app/page.tsx')}`).href}`)?.diagnostics ?? [];
    assert.deepEqual(pageDiagnostics.map((d) => d.code), ['await-after'], 'the page was really analysed');
  } finally {
    await session.dispose();
  }
  assert.equal(existsSync(marker), false, existsSync(marker) ? readFileSync(marker, 'utf8') : '');
  assert.deepEqual(readdirSync(dirname(marker)), []);
});
