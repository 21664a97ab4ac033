import { code, ruleTable } from './ruleTester';

ruleTable('unstable-after', {
  valid: [
    { name: 'after on 15.1', path: 'app/page.tsx', nextVersion: '15.1.0', code: code`
      import { after } from 'next/server'
    ` },
    { name: 'unstable_after on 15.0.3', path: 'app/page.tsx', nextVersion: '15.0.3', code: code`
      import { unstable_after as after } from 'next/server'
    ` },
    { name: 'unstable_after on a 15.0 range', path: 'app/page.tsx', nextVersion: '~15.0.0', code: code`
      import { unstable_after } from 'next/server'
    ` },
    { name: 'unstable_after on a 15.0 canary', path: 'app/page.tsx', nextVersion: '15.0.0-canary.100', code: code`
      import { unstable_after } from 'next/server'
    ` },
    { name: 'unstable_after from another module', path: 'app/page.tsx', nextVersion: '15.2.0', code: code`
      import { unstable_after } from './compat'
    ` },
    { name: 'type-only', path: 'app/page.tsx', code: code`
      import type { unstable_after } from 'next/server'
    ` },
  ],
  invalid: [
    {
      name: 'renames the import and every use',
      path: 'app/page.tsx',
      nextVersion: '^15.1.0',
      code: code`
        import { unstable_after } from 'next/server'
        export default async function Page() {
          unstable_after(() => {})
          unstable_after(() => {})
          return <main />
        }
      `,
      errors: ['unstable-after@1:10'],
      messageIncludes: ['Next.js 15.1.0'],
      output: code`
        import { after } from 'next/server'
        export default async function Page() {
          after(() => {})
          after(() => {})
          return <main />
        }
      `,
    },
    {
      name: 'keeps an existing alias',
      path: 'app/api/route.ts',
      nextVersion: '15.3.0',
      code: code`
        import { unstable_after as defer } from 'next/server'
        export async function GET() { defer(() => {}); return new Response(null) }
      `,
      errors: ['unstable-after@1:10'],
      output: code`
        import { after as defer } from 'next/server'
        export async function GET() { defer(() => {}); return new Response(null) }
      `,
    },
    {
      name: 'the 15.0 form `unstable_after as after` becomes a plain `after`',
      path: 'app/page.tsx',
      nextVersion: '15.2.0',
      code: `import { unstable_after as after } from 'next/server'\n`,
      errors: ['unstable-after@1:10'],
      output: `import { after } from 'next/server'\n`,
    },
    {
      name: 'unknown version is the newest',
      path: 'app/api/route.ts',
      code: code`
        import { NextResponse, unstable_after } from "next/server";
      `,
      errors: ['unstable-after@1:24'],
      output: code`
        import { NextResponse, after } from "next/server";
      `,
    },
    {
      name: 'a local after exists: alias keeps the uses',
      path: 'lib/x.ts',
      nextVersion: '16.0.0',
      code: code`
        import { unstable_after } from 'next/server'
        const after = 1
        export function f() { unstable_after(() => after) }
      `,
      errors: ['unstable-after@1:10'],
      output: code`
        import { after as unstable_after } from 'next/server'
        const after = 1
        export function f() { unstable_after(() => after) }
      `,
    },
    {
      name: 'namespace use',
      path: 'lib/y.ts',
      nextVersion: '15.1.2',
      code: code`
        import * as server from 'next/server'
        export function f() { server.unstable_after(() => {}) }
      `,
      errors: ['unstable-after@2:23'],
      output: code`
        import * as server from 'next/server'
        export function f() { server.after(() => {}) }
      `,
    },
    {
      name: 'shorthand property use',
      path: 'lib/z.ts',
      nextVersion: 'latest',
      code: code`
        import { unstable_after } from 'next/server'
        export const api = { unstable_after }
      `,
      errors: ['unstable-after@1:10'],
      output: code`
        import { after } from 'next/server'
        export const api = { unstable_after: after }
      `,
    },
  ],
});
