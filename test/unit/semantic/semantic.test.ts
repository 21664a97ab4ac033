import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { analyzeFile, diskFileSystem, ProjectHost } from '../../../server/src/analysis';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'nal-semantic-'));
  const all: Record<string, string> = {
    'package.json': JSON.stringify({ dependencies: { next: '15.3.0' } }),
    'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, jsx: 'preserve', baseUrl: '.', paths: { '@/*': ['./*'] } } }),
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const HELPER = [
  "import { after } from 'next/server'",
  "import { headers } from 'next/headers'",
  'export function logVisit(path: string) {',
  '  after(async () => {',
  "    const agent = (await headers()).get('user-agent')",
  '    console.log(path, agent)',
  '  })',
  '}',
  '',
].join('\n');

const TRACKING = [
  'export function trackLater(name: string): Promise<void> { return fetch(name).then(() => undefined) }',
  'export function trackSync(name: string): void { console.log(name) }',
  '',
].join('\n');

function findings(host: ProjectHost, root: string, path: string, text: string, withTypes = true): string[] {
  const file = join(root, path);
  const types = withTypes ? host.typeInfoFor(file, text) : undefined;
  if (withTypes) assert.ok(types, `type information for ${path}`);
  const result = analyzeFile({ text, appRelativePath: path, nextVersion: '15.3.0', types });
  assert.deepEqual(result.ruleFailures, []);
  return result.findings.map((finding) => `${finding.rule}@${text.slice(0, finding.start).split('\n').length}`);
}

describe('the semantic layer', () => {
  const pageText = "import { logVisit } from '@/lib'\nexport default async function Page() {\n  logVisit('/')\n  return <main />\n}\n";
  const routeText = "import { logVisit } from '@/lib'\nimport { trackLater, trackSync } from '@/lib/tracking'\nexport async function POST() {\n  logVisit('/api')\n  trackLater('x')\n  await trackSync('y')\n  return new Response()\n}\n";
  const laterText = "import { after } from 'next/server'\nimport { trackLater, trackSync } from '@/lib/tracking'\nexport async function POST() {\n  const tracking = trackLater('x')\n  after(tracking)\n  const tracked = trackSync('y')\n  after(tracked)\n  return new Response()\n}\n";
  const root = project({
    'lib/log-visit.ts': HELPER,
    'lib/index.ts': "export { logVisit } from './log-visit'\n",
    'lib/tracking.ts': TRACKING,
    'app/page.tsx': pageText,
    'app/api/route.ts': routeText,
    'app/api/later/route.ts': laterText,
  });
  const host = new ProjectHost(diskFileSystem());

  test('a Server Component calling a helper (through a re-export and a paths alias) that reads headers inside after: reported at the call', () => {
    assert.deepEqual(findings(host, root, 'app/page.tsx', pageText), ['request-api-in-after@3']);
    assert.deepEqual(findings(host, root, 'app/page.tsx', pageText, false), [], 'syntax alone cannot see it');
  });

  test('the same helper called from a Route Handler, and the helper itself, are not reported', () => {
    const route = findings(host, root, 'app/api/route.ts', routeText);
    assert.ok(!route.some((f) => f.startsWith('request-api-in-after')), route.join());
    assert.deepEqual(findings(host, root, 'lib/log-visit.ts', HELPER), []);
  });

  test('a promise known only from a type in another file is floating; a sync void tracker is not blocking', () => {
    assert.deepEqual(findings(host, root, 'app/api/route.ts', routeText), ['floating-side-effect@5']);
    assert.deepEqual(findings(host, root, 'app/api/route.ts', routeText, false), ['blocking-side-effect@6'], 'without types the imported sync tracker looks awaited-async');
  });

  test('after(const) where the const holds a promise known only from a type in another file', () => {
    assert.deepEqual(findings(host, root, 'app/api/later/route.ts', laterText), ['after-non-callback@5']);
    assert.deepEqual(findings(host, root, 'app/api/later/route.ts', laterText, false), [], 'without types the const is of unknown type: no guess');
  });

  test('an open buffer (overlay) wins over the disk', () => {
    const edited = pageText.replace("logVisit('/')", "console.log('/')");
    host.setOverlay(join(root, 'app/page.tsx'), 2, edited);
    assert.deepEqual(findings(host, root, 'app/page.tsx', edited), []);
    assert.equal(host.typeInfoFor(join(root, 'app/page.tsx'), pageText), undefined, 'stale text gets no types');
    host.removeOverlay(join(root, 'app/page.tsx'));
    assert.deepEqual(findings(host, root, 'app/page.tsx', pageText), ['request-api-in-after@3']);
  });

  test('a file without a tsconfig gets an inferred project; idle projects are disposed', () => {
    const loose = mkdtempSync(join(tmpdir(), 'nal-loose-'));
    writeFileSync(join(loose, 'route.ts'), 'export {}\n');
    const separate = new ProjectHost(diskFileSystem((file) => !file.startsWith(tmpdir()) || file.startsWith(loose) || file.startsWith(root)));
    assert.ok(separate.typeInfoFor(join(loose, 'route.ts')));
    assert.ok(separate.typeInfoFor(join(root, 'app/page.tsx')));
    assert.equal(separate.projectCount, 2);
    assert.equal(separate.disposeIdle(-1), 2);
    assert.equal(separate.projectCount, 0);
  });
});
