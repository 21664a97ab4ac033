import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { analyzeFile, CachedDiskFileSystem, crossFileSource, ProjectIndex, type Finding } from '../../../server/src/analysis';

function app(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'nal-index-'));
  const all = { 'package.json': JSON.stringify({ dependencies: { next: '15.3.0' } }), 'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '@/*': ['./*'] } } }), ...files };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function analyse(root: string, path: string, index = new ProjectIndex(new CachedDiskFileSystem())): Finding[] {
  const file = join(root, path);
  const text = new CachedDiskFileSystem().readFile(file)!;
  return analyzeFile({ text, appRelativePath: path, nextVersion: '15.3.0', crossFile: crossFileSource(index, file) }).findings;
}

const rules = (findings: Finding[]): string[] => findings.map((finding) => finding.rule);

const AFTER_WITH_HEADERS = "import { after } from 'next/server'\nimport { headers } from 'next/headers'\nexport function level0() { after(async () => { await headers() }) }\n";
const page = (importLine: string, call: string): string => `${importLine}\nexport default async function Page() {\n  ${call}\n  return <main />\n}\n`;

describe('cross-file facts from the project index', () => {
  test('a helper chain through a barrel and a namespace import, up to three calls deep', () => {
    const root = app({
      'lib/level0.ts': AFTER_WITH_HEADERS,
      'lib/level1.ts': "import * as zero from './level0'\nexport function level1() { zero.level0() }\n",
      'lib/level2.ts': "import { level1 } from './level1'\nexport const level2 = () => { level1() }\n",
      'lib/level3.ts': "import { level2 } from './index'\nexport function level3() { level2() }\n",
      'lib/index.ts': "export * from './level2'\nexport { level3 as deepest } from './level3'\n",
      'app/a/page.tsx': page("import { level2 } from '@/lib'", 'level2()'),
      'app/b/page.tsx': page("import { deepest } from '@/lib'", 'deepest()'),
    });
    const [found] = analyse(root, 'app/a/page.tsx');
    assert.equal(found?.rule, 'request-api-in-after');
    assert.match(found!.message, /`level2` \(lib\/level2\.ts\) calls `level1` \(lib\/level1\.ts\) calls `level0` \(lib\/level0\.ts\) calls after\(\) with `headers\(\)` inside/);
    assert.deepEqual(rules(analyse(root, 'app/b/page.tsx')), [], 'four calls deep is beyond the chain the rule follows');
  });

  test('the same helper from a Route Handler is fine; a local function of the same name is not the import', () => {
    const root = app({
      'lib/visit.ts': AFTER_WITH_HEADERS,
      'app/api/route.ts': "import { level0 } from '@/lib/visit'\nexport async function GET() { level0(); return new Response() }\n",
      'app/c/page.tsx': page("import { level0 as imported } from '@/lib/visit'", 'const level0 = () => {}; level0(); void imported'),
    });
    assert.deepEqual(rules(analyse(root, 'app/api/route.ts')), []);
    assert.deepEqual(rules(analyse(root, 'app/c/page.tsx')), []);
  });

  test('promises and void returns declared in another module, through an alias and a re-export', () => {
    const root = app({
      'lib/track.ts': "export async function trackSignup() {}\nexport function trackLater(): void {}\nconst send = (e: string) => fetch(e)\nexport { send as trackRemote }\n",
      'app/api/route.ts': "import { trackSignup, trackLater, trackRemote } from '@/lib/track'\nexport async function POST() {\n  trackSignup()\n  trackLater()\n  trackRemote('x')\n  return new Response()\n}\n",
    });
    const findings = analyse(root, 'app/api/route.ts');
    assert.deepEqual(findings.map((finding) => `${finding.rule}:${finding.start}`), [`floating-side-effect:${findings[0]!.start}`, `floating-side-effect:${findings[1]!.start}`]);
    const text = "import { trackSignup, trackLater, trackRemote } from '@/lib/track'\nexport async function POST() {\n  trackSignup()\n  trackLater()\n  trackRemote('x')\n";
    assert.deepEqual(findings.map((finding) => text.slice(finding.start, finding.end)), ['trackSignup()', "trackRemote('x')"]);
  });

  test('a catalogued SDK client exported by another module', () => {
    const root = app({
      'lib/email.ts': "import { Resend } from 'resend'\nexport const mailer = new Resend('key')\n",
      'lib/index.ts': "export { mailer as client } from './email'\n",
      'app/api/route.ts': "import { client } from '@/lib'\nexport async function POST() {\n  await client.emails.send({ to: 'a' })\n  return new Response()\n}\n",
    });
    const findings = analyse(root, 'app/api/route.ts');
    assert.deepEqual(findings.map((finding) => `${finding.rule}/${finding.severity}`), ['blocking-side-effect/info']);
  });

  test('import cycles end; a module that cannot be read or parsed gives no facts', () => {
    const root = app({
      'lib/a.ts': "import { b } from './b'\nexport function a() { b() }\n",
      'lib/b.ts': "import { a } from './a'\nexport function b() { a() }\n",
      'lib/broken.ts': 'export function broken( {',
      'app/page.tsx': page("import { a } from '@/lib/a'\nimport { broken } from '@/lib/broken'\nimport { missing } from '@/lib/missing'", 'a(); broken(); missing()'),
    });
    assert.deepEqual(rules(analyse(root, 'app/page.tsx')), []);
  });

  test('each module is summarised once per index, however many files import it', () => {
    const root = app({
      'lib/shared.ts': "export async function logShared() {}\n",
      'app/api/one/route.ts': "import { logShared } from '@/lib/shared'\nexport async function GET() { logShared(); return new Response() }\n",
      'app/api/two/route.ts': "import { logShared } from '@/lib/shared'\nexport async function GET() { logShared(); return new Response() }\n",
    });
    const index = new ProjectIndex(new CachedDiskFileSystem());
    assert.deepEqual(rules(analyse(root, 'app/api/one/route.ts', index)), ['floating-side-effect']);
    assert.deepEqual(rules(analyse(root, 'app/api/two/route.ts', index)), ['floating-side-effect']);
    assert.equal(index.parsedForSummary, 1);
  });
});
