import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as ts from 'typescript';
import { collectFileFacts } from '../../../server/src/analysis/facts/fileFacts';
import { parseSource } from '../../../server/src/analysis/parse';

/** The context kind at every `after(` call of the source, in order. */
function contextsOfAfterCalls(path: string, text: string): string[] {
  const sourceFile = parseSource(path, text);
  const facts = collectFileFacts(sourceFile, path, undefined);
  return facts.afterCalls.map((after) => after.context.kind);
}

/** The context of each call to `probe()`: a marker that needs no import. */
function contextsOfProbes(path: string, text: string): string[] {
  const sourceFile = parseSource(path, text);
  const facts = collectFileFacts(sourceFile, path, undefined);
  return facts.calls
    .filter((call) => ts.isIdentifier(call.expression) && call.expression.text === 'probe')
    .map((call) => facts.contextOf(call).kind);
}

describe('request contexts', () => {
  test('Route Handler methods, declared or as const arrows; other exports are not handlers', () => {
    assert.deepEqual(
      contextsOfProbes('app/api/x/route.ts', `
        export async function GET() { probe() }
        export const POST = async () => { probe() }
        export function helper() { probe() }
        export const dynamic = 'force-dynamic'
      `),
      ['route-handler', 'route-handler', 'unknown'],
    );
  });

  test('a wrapped handler: the function passed into the initializer takes the context', () => {
    assert.deepEqual(
      contextsOfProbes('src/app/api/x/route.ts', `
        export const POST = withAuth(async (req) => { probe() })
        export const PUT = withAuth(withRateLimit(async function (req) { probe() }))
        const handler = async () => { probe() }
        export const DELETE = withAuth(handler)
      `),
      ['route-handler', 'route-handler', 'route-handler'],
    );
  });

  test('a "use server" module: exported async functions and safe-action chains are actions, private functions are not', () => {
    assert.deepEqual(
      contextsOfProbes('app/actions.ts', `
        'use server'
        export async function save() { probe() }
        export const update = actionClient.schema(s).action(async ({ parsedInput }) => { probe() })
        async function internal() { probe() }
        export function notAsync() { probe() }
      `),
      ['server-action', 'server-action', 'unknown', 'unknown'],
    );
  });

  test('an inline "use server" function inside a page is an action, the page around it renders', () => {
    assert.deepEqual(
      contextsOfProbes('app/page.tsx', `
        export default async function Page() {
          probe()
          async function save() { 'use server'; probe() }
          return <form action={save} />
        }
      `),
      ['server-component', 'server-action'],
    );
  });

  test('Middleware and Next 16 proxy, at the root or in src/, exported by name or as default', () => {
    assert.deepEqual(contextsOfProbes('middleware.ts', 'export function middleware() { probe() }'), ['middleware']);
    assert.deepEqual(contextsOfProbes('src/proxy.ts', 'export function proxy() { probe() }'), ['middleware']);
    assert.deepEqual(contextsOfProbes('proxy.ts', 'export default function () { probe() }'), ['middleware']);
    assert.deepEqual(contextsOfProbes('app/proxy.ts', 'export function proxy() { probe() }'), ['unknown']);
  });

  test('render-time exports: generateMetadata, generateStaticParams and the render files', () => {
    assert.deepEqual(
      contextsOfProbes('app/blog/[slug]/page.tsx', `
        export async function generateMetadata() { probe() }
        export async function generateStaticParams() { probe() }
        export default function Page() { probe(); return null }
      `),
      ['server-component', 'server-component', 'server-component'],
    );
    for (const file of ['layout', 'template', 'default', 'not-found', 'forbidden', 'unauthorized', 'loading']) {
      assert.deepEqual(contextsOfProbes(`app/${file}.tsx`, 'export default function X() { probe(); return null }'), ['server-component'], file);
    }
  });

  test('JSX-returning and async PascalCase functions render, unless the module is a client module', () => {
    assert.deepEqual(contextsOfProbes('components/card.tsx', 'export function Card() { probe(); return <div /> }'), ['server-component']);
    assert.deepEqual(contextsOfProbes('components/list.tsx', 'export async function UserList() { probe() }'), ['server-component']);
    assert.deepEqual(contextsOfProbes('lib/constants.ts', 'export async function API_KEY() { probe() }'), ['unknown']);
    assert.deepEqual(contextsOfProbes('components/card.tsx', "'use client'\nexport function Card() { probe(); return <div /> }"), ['client']);
  });

  test('the Pages Router has no request scopes', () => {
    assert.deepEqual(contextsOfProbes('pages/api/x.ts', 'export default async function handler() { probe() }'), ['pages-router']);
  });

  test('nested after keeps the context of the outermost after', () => {
    assert.deepEqual(
      contextsOfAfterCalls('app/page.tsx', `
        import { after } from 'next/server'
        export default async function Page() {
          after(() => { after(async function inner() {}) })
          async function save() { 'use server'; after(() => {}) }
          return null
        }
      `),
      ['server-component', 'server-component', 'server-action'],
    );
  });
});
