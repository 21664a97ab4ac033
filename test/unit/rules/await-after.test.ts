import { code, ruleTable } from './ruleTester';

ruleTable('await-after', {
  valid: [
    { name: 'plain after', path: 'app/api/route.ts', code: code`
      import { after } from 'next/server'
      export async function GET() { after(() => {}); return new Response(null) }
    ` },
    { name: 'await inside the callback', path: 'app/api/route.ts', code: code`
      import { after } from 'next/server'
      export async function GET() { after(async () => { await send() }); return new Response(null) }
    ` },
    { name: 'awaiting a local after', path: 'lib/x.ts', code: code`
      async function after(fn: () => Promise<void>) { await fn() }
      export async function run() { await after(async () => {}) }
    ` },
    { name: 'awaiting something else', path: 'app/actions.ts', code: code`
      'use server'
      import { after } from 'next/server'
      export async function save() { await db.save(); after(() => {}) }
    ` },
    { name: 'returning after', path: 'lib/y.ts', code: code`
      import { after } from 'next/server'
      export function later(fn: () => void) { return after(fn) }
    ` },
    { name: 'awaited value passed to after is another rule', path: 'app/api/route.ts', code: code`
      import { after } from 'next/server'
      export async function GET() { after(await p); return new Response(null) }
    ` },
  ],
  invalid: [
    { name: 'await after', path: 'app/api/route.ts', code: code`
      import { after } from 'next/server'
      export async function GET() {
        await after(() => console.log('x'))
        return new Response(null)
      }
    `, errors: ['await-after@3:3'], output: code`
      import { after } from 'next/server'
      export async function GET() {
        after(() => console.log('x'))
        return new Response(null)
      }
    ` },
    { name: 'alias', path: 'app/page.tsx', code: code`
      import { after as defer } from 'next/server'
      export default async function Page() { await defer(() => {}); return <main /> }
    `, errors: ['await-after@2:40'], output: code`
      import { after as defer } from 'next/server'
      export default async function Page() { defer(() => {}); return <main /> }
    ` },
    { name: 'namespace', path: 'app/actions.ts', code: code`
      'use server'
      import * as server from 'next/server'
      export async function save() { await server.after(() => {}) }
    `, errors: ['await-after@3:32'] },
    { name: 'parenthesised', path: 'app/api/route.ts', code: code`
      import { after } from 'next/server'
      export async function GET() { await (after(() => {})); return new Response(null) }
    `, errors: ['await-after@2:31'], output: code`
      import { after } from 'next/server'
      export async function GET() { (after(() => {})); return new Response(null) }
    ` },
    { name: 'nested after', path: 'app/api/route.ts', code: code`
      import { after } from 'next/server'
      export async function GET() { after(async () => { await after(() => {}) }); return new Response(null) }
    `, errors: ['await-after@2:51'] },
    { name: 'in a lib helper', path: 'lib/z.ts', code: code`
      import { unstable_after } from 'next/server'
      export async function z() { await unstable_after(() => {}) }
    `, nextVersion: '15.0.3', errors: ['await-after@2:29'] },
  ],
});
