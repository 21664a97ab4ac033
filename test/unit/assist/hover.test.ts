import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { afterHoverAt } from '../../../server/src/analysis';
import { withCursor } from './cursor';

function hover(path: string, source: string, nextVersion?: string): string | undefined {
  const { text, offset } = withCursor(source);
  return afterHoverAt({ text, appRelativePath: path, nextVersion }, offset)?.markdown;
}

const IMPORT = "import { after } from 'next/server'\n";

describe('the after hover', () => {
  test('a Route Handler: after the response, request APIs allowed, its maxDuration, failures and errors', () => {
    const source = `${IMPORT}export const maxDuration = 20\nexport async function POST() {\n  af‸ter(() => console.log(1))\n  return Response.json({})\n}\n`;
    const markdown = hover('app/api/track/route.ts', source)!;
    assert.match(markdown, /^\*\*`after\(\)`\*\* in a Route Handler \(app\/api\/track\/route\.ts\)/);
    assert.match(markdown, /runs once the response has been sent\./);
    assert.match(markdown, /`cookies\(\)` and `headers\(\)` may be read inside/);
    assert.match(markdown, /`maxDuration` \(20 s\)/);
    assert.match(markdown, /even when the response fails, redirects or is a 404/);
    assert.match(markdown, /errors never reach the response/);
  });

  test('the range is the callee, wherever in it the cursor is', () => {
    const { text, offset } = withCursor(`import * as server from 'next/server'\nexport async function GET() {\n  server.after‸(() => {})\n}\n`);
    const result = afterHoverAt({ text, appRelativePath: 'app/route.ts' }, offset);
    assert.equal(text.slice(result!.start, result!.end), 'server.after');
  });

  test('a Server Component: no request APIs inside, and when a static page runs it', () => {
    const page = (config: string): string => `${IMPORT}${config}export default async function Page() {\n  ‸after(() => {})\n  return <main />\n}\n`;
    const plain = hover('app/page.tsx', page(''))!;
    assert.match(plain, /Server Component \(app\/page\.tsx\)/);
    assert.match(plain, /may \*\*not\*\* be called inside/);
    assert.match(plain, /statically rendered page that is at build time or when the page is revalidated/);
    assert.match(plain, /platform's default, as this file exports none/);
    assert.match(hover('app/page.tsx', page('export const revalidate = 60\n'))!, /at build time and when the page is revalidated \(at most every 60 s\)/);
    assert.match(hover('app/page.tsx', page("export const dynamic = 'force-dynamic'\n"))!, /renders on every request/);
  });

  test('Server Actions and Middleware', () => {
    assert.match(hover('app/actions.ts', `'use server'\n${IMPORT}export async function save() {\n  after‸(() => {})\n}\n`)!, /Server Action[\s\S]*action's response has been sent[\s\S]*may be read/);
    assert.match(hover('src/middleware.ts', `${IMPORT}export function middleware() {\n  after‸(() => {})\n}\n`)!, /Middleware[\s\S]*middleware's response/);
  });

  test('a helper outside any request scope depends on its caller', () => {
    const markdown = hover('lib/track.ts', `${IMPORT}export function track() {\n  after‸(() => {})\n}\n`)!;
    assert.match(markdown, /`lib\/track\.ts`, a module that is not a request scope by itself/);
    assert.match(markdown, /depends on the caller/);
  });

  test('nested after keeps the outer context; unstable_after is named as written', () => {
    const nested = hover('app/page.tsx', `${IMPORT}export default async function Page() {\n  after(() => { af‸ter(() => {}) })\n  return null\n}\n`)!;
    assert.match(nested, /Server Component[\s\S]*outermost/);
    const unstable = hover('app/api/route.ts', "import { unstable_after } from 'next/server'\nexport async function GET() {\n  unstable_af‸ter(() => {})\n}\n", '15.0.0')!;
    assert.match(unstable, /^\*\*`unstable_after\(\)`\*\*/);
  });

  test('nothing away from an after call, or over a local function called after', () => {
    assert.equal(hover('app/api/route.ts', `${IMPORT}export async function GET() {\n  after(() => { console.l‸og(1) })\n}\n`), undefined);
    assert.equal(hover('app/api/route.ts', 'function after(f: () => void) { f() }\nexport async function GET() {\n  aft‸er(() => {})\n}\n'), undefined);
    assert.equal(afterHoverAt({ text: IMPORT, appRelativePath: 'app/route.ts' }, 10_000), undefined);
  });
});
