import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { afterCompletionAt, analyzeFile, applyEdits, type AfterCompletion } from '../../../server/src/analysis';
import { parseErrors, parseSource } from '../../../server/src/analysis/parse';
import { withCursor } from './cursor';

function complete(path: string, source: string, nextVersion?: string): AfterCompletion | undefined {
  const { text, offset } = withCursor(source);
  return afterCompletionAt({ text, appRelativePath: path, nextVersion }, offset);
}

/** The snippet with its placeholders filled with their defaults, as accepting it would leave it. */
function expand(snippet: string): string {
  let previous;
  let text = snippet;
  do {
    previous = text;
    text = text.replace(/\$\{\d+:([^{}]*)\}/g, '$1');
  } while (text !== previous);
  return text.replace(/\$\d+/g, '').replace(/\t/g, '    ');
}

/** The file after accepting the completion at the cursor (the typed `aft` is replaced). */
function accept(path: string, source: string, nextVersion?: string): string {
  const { text, offset } = withCursor(source);
  const completion = afterCompletionAt({ text, appRelativePath: path, nextVersion }, offset);
  assert.ok(completion, 'a completion');
  const typed = /[A-Za-z_]*$/.exec(text.slice(0, offset))![0].length;
  return applyEdits(text, [...completion.additionalEdits, { start: offset - typed, end: offset, text: expand(completion.snippet) }]);
}

const ROUTE = "export async function POST(request: Request) {\n  aft‸\n  return Response.json({})\n}\n";
const PAGE = "export default async function Page() {\n  ‸\n  return <main />\n}\n";

describe('the after completion', () => {
  test('a Route Handler gets the inline form and a new import line', () => {
    const completion = complete('app/api/track/route.ts', ROUTE);
    assert.equal(completion?.snippet, 'after(async () => {\n\t$0\n})');
    assert.match(completion!.detail, /Route Handler/);
    assert.match(completion!.documentation, /may read cookies\(\) and headers\(\)/);
    assert.deepEqual(completion!.additionalEdits, [{ start: 0, end: 0, text: "import { after } from 'next/server'\n" }]);
  });

  test("the import merges into next/server and the snippet follows the file's semicolons", () => {
    const source = 'import { NextResponse } from "next/server";\n\nexport async function GET() {\n  ‸\n  return NextResponse.json({});\n}\n';
    const completion = complete('app/api/route.ts', source);
    assert.equal(completion?.snippet, 'after(async () => {\n\t$0\n});');
    assert.deepEqual(completion!.additionalEdits, [{ start: 21, end: 21, text: ', after' }]);
  });

  test('an existing alias or namespace import is what the snippet calls, and no edit is needed', () => {
    const aliased = complete('app/actions.ts', "'use server'\nimport { after as later } from 'next/server'\nexport async function save() {\n  ‸\n}\n");
    assert.match(aliased!.snippet, /^later\(async/);
    assert.deepEqual(aliased!.additionalEdits, []);
    const namespace = complete('middleware.ts', "import * as server from 'next/server'\nexport function middleware() {\n  ‸\n}\n");
    assert.match(namespace!.snippet, /^server\.after\(async/);
    assert.match(namespace!.detail, /Middleware/);
  });

  test('an async Server Component gets the hoisted form: the request read stays outside the callback', () => {
    const completion = complete('app/blog/page.tsx', PAGE);
    assert.equal(completion?.snippet, "const ${1:headersList} = await headers()\nafter(async () => {\n\t${2:console.log(${1:headersList}.get('user-agent'))}$0\n})");
    assert.deepEqual(completion!.additionalEdits, [{ start: 0, end: 0, text: "import { after } from 'next/server'\nimport { headers } from 'next/headers'\n" }]);
    const output = accept('app/blog/page.tsx', PAGE);
    assert.deepEqual(parseErrors(parseSource('page.tsx', output)), []);
    assert.deepEqual(analyzeFile({ text: output, appRelativePath: 'app/blog/page.tsx' }).findings.map((f) => f.rule), [], output);
  });

  test('a Server Component that imports headers already only gets the after import', () => {
    const source = "import { headers as h } from 'next/headers';\nexport default async function Page() {\n  ‸\n  return <main />;\n}\n";
    const completion = complete('app/page.tsx', source);
    assert.match(completion!.snippet, /^const \$\{1:headersList\} = await h\(\);\nafter\(/);
    assert.deepEqual(completion!.additionalEdits.map((edit) => edit.text), ["\nimport { after } from 'next/server';"]);
  });

  test('the hoisted name does not clash with one the file uses', () => {
    const completion = complete('app/page.tsx', 'export default async function Page() {\n  const headersList = 1\n  ‸\n  return <main />\n}\n');
    assert.match(completion!.snippet, /^const \$\{1:headersList2\} = await headers\(\)/);
  });

  test('a Server Component that is not async gets the inline form and is told why', () => {
    const completion = complete('app/page.tsx', 'export default function Page() {\n  ‸\n  return <main />\n}\n');
    assert.match(completion!.snippet, /^after\(async/);
    assert.match(completion!.documentation, /must be async/);
  });

  test('an inline "use server" function in a page is a Server Action', () => {
    const completion = complete('app/page.tsx', "export default function Page() {\n  async function save() {\n    'use server'\n    ‸\n  }\n  return <form action={save} />\n}\n");
    assert.match(completion!.detail, /Server Action/);
  });

  test('Next.js 15.0 imports unstable_after; before 15 there is no after at all', () => {
    const fifteen = complete('app/api/route.ts', ROUTE, '15.0.3');
    assert.match(fifteen!.snippet, /^unstable_after\(/);
    assert.equal(fifteen!.additionalEdits[0]!.text, "import { unstable_after } from 'next/server'\n");
    const aliased = complete('app/api/route.ts', `import { unstable_after as after } from 'next/server'\n${ROUTE}`, '~15.0.0');
    assert.match(aliased!.snippet, /^after\(/);
    assert.deepEqual(aliased!.additionalEdits, []);
    assert.equal(complete('app/api/route.ts', ROUTE, '14.2.5'), undefined);
  });

  test('accepting the completion leaves code that parses, in every kind of file', () => {
    for (const [path, source] of [
      ['app/api/route.ts', ROUTE],
      ['app/page.tsx', PAGE],
      ['app/actions.js', "'use server';\nimport { redirect } from 'next/navigation';\nexport async function save() {\n  aft‸\n  redirect('/');\n}\n"],
      ['lib/helper.ts', 'export function helper() {\n  ‸\n}\n'],
    ] as const) {
      const output = accept(path, source);
      assert.deepEqual(parseErrors(parseSource(path, output)).map((d) => d.messageText), [], output);
    }
  });

  test('nothing where after() cannot be written or no statement can start', () => {
    const none: [string, string][] = [
      ['app/api/route.ts', "import { after } from 'next/server'\n‸\nexport async function GET() {}\n"],
      ['app/widget.tsx', "'use client'\nexport function Widget() {\n  ‸\n  return null\n}\n"],
      ['pages/index.tsx', 'export default function Home() {\n  ‸\n  return null\n}\n'],
      ['app/api/route.ts', 'export async function GET() {\n  // call aft‸\n}\n'],
      ['app/api/route.ts', 'export async function GET() {\n  /* aft‸ */\n}\n'],
      ['app/api/route.ts', 'export async function GET() {\n  /** aft‸ */\n  const x = 1\n}\n'],
      ['app/api/route.ts', "export async function GET() {\n  const s = 'aft‸'\n}\n"],
      ['app/api/route.ts', 'export async function GET() {\n  const s = `x ${1} aft‸`\n}\n'],
      ['app/page.tsx', 'export default async function Page() {\n  return <p>aft‸</p>\n}\n'],
      ['app/api/route.ts', 'export async function GET(request: Request) {\n  request.aft‸\n}\n'],
      ['app/api/route.ts', 'export async function GET() {\n  const aft‸\n}\n'],
      ['app/api/route.ts', "import { aft‸ } from 'next/server'\nexport async function GET() {}\n"],
      ['app/api/route.ts', 'export async function GET() {\n  let x: aft‸\n}\n'],
      ['app/api/route.ts', 'export async function GET() {\n  return aft‸\n}\n'],
      ['app/page.tsx', 'export default async function Page() {\n  return <p>{aft‸}</p>\n}\n'],
      ['app/api/route.ts', 'export async function GET() {\n  track(aft‸)\n}\n'],
    ];
    for (const [path, source] of none) assert.equal(complete(path, source), undefined, source);
  });

  test('inside a switch case, and with the cursor in the spaces of a block', () => {
    assert.ok(complete('app/api/route.ts', 'export async function GET(r: Request) {\n  switch (r.method) {\n    case "GET":\n      ‸\n  }\n}\n'));
    assert.ok(complete('app/api/route.ts', 'export async function GET() {\n  const a = 1\n    ‸  \n  return a\n}\n'));
  });

  test('at the first character of a statement the snippet ends with a line break, so that statement follows it', () => {
    const source = "export async function POST() {\n  ‸return Response.json({})\n}\n";
    assert.equal(complete('app/api/route.ts', source)?.snippet, 'after(async () => {\n\t$0\n})\n');
    const output = accept('app/api/route.ts', source);
    assert.deepEqual(parseErrors(parseSource('route.ts', output)), [], output);
    assert.ok(complete('app/api/route.ts', 'export async function POST() {\n  ‸console.log(1)\n}\n'), 'a statement that starts with a member access');
    assert.equal(complete('app/api/route.ts', 'export async function POST() {\n  console.‸log(1)\n}\n'), undefined);
  });

  test('offsets outside the text do not throw', () => {
    const text = 'export async function GET() {\n}\n';
    for (const offset of [-10, text.length, text.length + 100]) assert.doesNotThrow(() => afterCompletionAt({ text, appRelativePath: 'app/api/route.ts' }, offset));
    assert.equal(afterCompletionAt({ text: '', appRelativePath: 'app/api/route.ts' }, 0), undefined);
  });
});
