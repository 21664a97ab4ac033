import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeFile, fixAll } from '../../server/src/analysis';
import { parseErrors, parseSource } from '../../server/src/analysis/parse';

const BEFORE = `import { unstable_after as after } from 'next/server';
import { headers, cookies } from 'next/headers';
import { waitUntil } from '@vercel/functions';

async function logRender(page: string): Promise<void> {}
async function trackView(page: string): Promise<void> {}

export default async function Page() {
  const store = await cookies();
  // the view counter
  await trackView('/');
  void logRender('/');
  waitUntil(trackView('/again'));
  after(async () => {
    const agent = (await headers()).get('user-agent');
    store.set('seen', '1');
    logRender(String(agent));
  });
  await after(() => console.log('done'));
  after(logRender('/x'));
  after(await trackView('/y'));
  return <main />;
}
`;

const AFTER = `import { after } from 'next/server';
import { headers, cookies } from 'next/headers';

async function logRender(page: string): Promise<void> {}
async function trackView(page: string): Promise<void> {}

export default async function Page() {
  const store = await cookies();
  // the view counter
  after(async () => {
    await trackView('/');
  });
  after(() => logRender('/'));
  after(() => trackView('/again'));
  const headersList = await headers();
  store.set('seen', '1');
  after(async () => {
    const agent = headersList.get('user-agent');
    await logRender(String(agent));
  });
  after(() => console.log('done'));
  after(() => logRender('/x'));
  after(() => trackView('/y'));
  return <main />;
}
`;

test('fix-all on a page with problems of nine rules gives one expected output, and nothing is left', () => {
  const input = { appRelativePath: 'app/page.tsx', nextVersion: '15.3.0' };
  const before = analyzeFile({ ...input, text: BEFORE }).findings.map((finding) => finding.rule);
  assert.deepEqual([...new Set(before)].sort(), [
    'after-non-callback',
    'await-after',
    'blocking-side-effect',
    'floating-promise-in-after',
    'floating-side-effect',
    'prefer-after-over-waituntil',
    'request-api-in-after',
    'response-mutation-in-after',
    'unstable-after',
  ]);
  const result = fixAll({ ...input, text: BEFORE });
  assert.equal(result.output, AFTER);
  assert.deepEqual(parseErrors(parseSource('app/page.tsx', result.output)), []);
  assert.equal(result.applied.length, before.length);
  assert.deepEqual(result.remaining, []);
});
