import { code, ruleTable } from './ruleTester';

ruleTable('after-in-pages-router', {
  valid: [
    { name: 'app router page', path: 'app/page.tsx', code: code`
      import { after } from 'next/server'
      export default async function Page() { after(() => {}); return <main /> }
    ` },
    { name: 'pages file without after', path: 'pages/index.tsx', code: code`
      import { NextResponse } from 'next/server'
      export default function Home() { return <main /> }
    ` },
    { name: 'a folder named pages inside app is a route segment', path: 'app/pages/page.tsx', code: code`
      import { after } from 'next/server'
      export default async function Page() { after(() => {}); return <main /> }
    ` },
    { name: 'components folder', path: 'components/pages.tsx', code: code`
      import { after } from 'next/server'
      export async function Pages() { after(() => {}); return <div /> }
    ` },
    { name: 'pages with a local after', path: 'pages/api/hello.ts', code: code`
      import { after } from '../../lib/after'
      export default function handler() { after() }
    ` },
    { name: 'type-only import under pages', path: 'src/pages/x.ts', code: code`
      import type { after } from 'next/server'
      export type T = typeof after
    ` },
  ],
  invalid: [
    { name: 'API route', path: 'pages/api/track.ts', code: code`
      import { after } from 'next/server'
      export default function handler(req: unknown, res: { end(): void }) { after(() => {}); res.end() }
    `, errors: ['after-in-pages-router@1:10'], messageIncludes: ['Pages Router file (pages/api/track.ts)', 'waitUntil'] },
    { name: 'src/pages', path: 'src/pages/index.tsx', code: code`
      import { after } from 'next/server'
    `, errors: ['after-in-pages-router@1:10'] },
    { name: 'alias', path: 'pages/blog/[id].tsx', code: code`
      import { after as defer } from "next/server";
    `, errors: ['after-in-pages-router@1:10'] },
    { name: 'unstable_after', path: 'pages/_app.tsx', code: code`
      import { unstable_after } from 'next/server'
    `, errors: ['after-in-pages-router@1:10'] },
    { name: 'namespace', path: 'pages/a.ts', code: code`
      import * as s from 'next/server'
      export function f() { s.after(() => {}) }
    `, errors: ['after-in-pages-router@2:23'] },
    { name: 'two imports', path: 'pages/b.js', code: code`
      import { after, unstable_after } from 'next/server'
    `, errors: ['after-in-pages-router@1:10', 'after-in-pages-router@1:17'] },
  ],
});
