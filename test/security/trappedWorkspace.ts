import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Code that writes `marker` when executed, in the forms a workspace could hide it. */
export function trappedWorkspace(marker: string): string {
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
