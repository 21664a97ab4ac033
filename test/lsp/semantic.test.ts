import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { makeWorkspace, ServerSession } from './serverProcess';

const HELPER = "import { after } from 'next/server'\nimport { cookies } from 'next/headers'\nexport function rememberVisit() {\n  after(async () => { (await cookies()).get('visitor') })\n}\n";
const PAGE = "import { rememberVisit } from '@/lib/visits'\nexport default async function Page() {\n  rememberVisit()\n  return <main />\n}\n";

let session: ServerSession | undefined;
after(() => session?.dispose());

test('syntactic diagnostics first, then semantic ones: a helper in lib/ reading cookies inside after, called from a page', async () => {
  session = new ServerSession(
    makeWorkspace({
      'tsconfig.json': JSON.stringify({ compilerOptions: { jsx: 'preserve', strict: true, paths: { '@/*': ['./*'] } } }),
      'lib/visits.ts': HELPER,
    }),
  );
  await session.initialize();
  const uri = session.open('app/page.tsx', PAGE);
  assert.deepEqual(await session.diagnosticsFor(uri, 1), [], 'syntax alone sees nothing');
  const diagnostics = await session.until('the semantic publish', () => {
    const last = session!.lastPublished(uri);
    return last && last.diagnostics.length > 0 ? last.diagnostics : undefined;
  });
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
    [['request-api-in-after', 2, 2]],
  );
  assert.match(diagnostics[0]!.message, /`rememberVisit` \(lib\/visits\.ts\) calls after\(\) with `cookies\(\)` inside/);

  // Editing the call away: the syntactic pass publishes nothing and the semantic pass agrees.
  const version = session.change(uri, PAGE.replace('  rememberVisit()\n', ''));
  assert.deepEqual(await session.diagnosticsFor(uri, version), []);
});
