import { code, ruleTable } from './ruleTester';

ruleTable('after-outside-request', {
  valid: [
    { name: 'inside a page', path: 'app/page.tsx', code: code`
      import { after } from 'next/server'
      export default async function Page() { after(() => {}); return <main /> }
    ` },
    { name: 'inside a helper function', path: 'lib/log.ts', code: code`
      import { after } from 'next/server'
      export function logLater(message: string) { after(() => console.log(message)) }
    ` },
    { name: 'inside an arrow initializer', path: 'app/api/route.ts', code: code`
      import { after } from 'next/server'
      export const GET = async () => { after(() => {}); return new Response(null) }
    ` },
    { name: 'local function named after at top level', path: 'lib/x.ts', code: code`
      function after(fn: () => void) { fn() }
      after(() => {})
    ` },
    { name: 'inside a class method', path: 'lib/svc.ts', code: code`
      import { after } from 'next/server'
      export class Svc { run() { after(() => {}) } }
    ` },
    { name: 'passed by reference at top level, not called', path: 'lib/y.ts', code: code`
      import { after } from 'next/server'
      export const defer = after
    ` },
  ],
  invalid: [
    { name: 'top level of a route file', path: 'app/api/route.ts', code: code`
      import { after } from 'next/server'
      after(() => console.log('loaded'))
      export async function GET() { return new Response(null) }
    `, errors: ['after-outside-request@2:1'], messageIncludes: ['app/api/route.ts'] },
    { name: 'alias at top level of a lib module', path: 'lib/boot.ts', code: code`
      import { after as defer } from 'next/server'
      defer(() => {})
    `, errors: ['after-outside-request@2:1'] },
    { name: 'namespace at top level', path: 'app/page.tsx', code: code`
      import * as server from 'next/server'
      server.after(() => {})
      export default function Page() { return <main /> }
    `, errors: ['after-outside-request@2:1'] },
    { name: 'in a top-level initializer', path: 'lib/z.ts', code: code`
      import { after } from 'next/server'
      export const registered = after(() => {})
    `, errors: ['after-outside-request@2:27'] },
    { name: 'unstable_after at top level', path: 'src/lib/w.ts', code: code`
      import { unstable_after } from 'next/server'
      unstable_after(() => {})
    `, errors: ['after-outside-request@2:1'] },
    { name: 'inside a top-level if block', path: 'middleware.ts', code: code`
      import { after } from 'next/server'
      if (process.env.LOG) {
        after(() => {})
      }
      export function middleware() {}
    `, errors: ['after-outside-request@3:3'] },
  ],
});
