import { code, ruleTable } from './ruleTester';

const HEAD = "import { after } from 'next/server'\nasync function logUserAction(data: unknown) {}\n";
const route = (body: string): string => `${HEAD}export async function POST() {\n${body}\n  return new Response()\n}\n`;
const ROUTE = 'app/api/x/route.ts';

ruleTable('floating-promise-in-after', {
  valid: [
    { name: 'awaited', path: ROUTE, code: route('  after(async () => { await logUserAction(1) })') },
    { name: 'returned by an expression body', path: ROUTE, code: route('  after(() => logUserAction(1))') },
    { name: 'returned from a block', path: ROUTE, code: route('  after(() => { return logUserAction(1) })') },
    { name: 'passed on', path: ROUTE, code: route('  after(async () => { await Promise.all([logUserAction(1), logUserAction(2)]) })') },
    { name: 'no evidence of a promise', path: ROUTE, code: route('  after(() => { console.log(1); unknownCall() })') },
    { name: 'sync void function', path: ROUTE, code: `${HEAD}function logSync(): void {}\nexport async function POST() {\n  after(() => { logSync() })\n  return new Response()\n}\n` },
    { name: 'assigned', path: ROUTE, code: route('  after(async () => { const p = logUserAction(1); await p })') },
    { name: 'outside after (other rules)', path: ROUTE, code: route('  void logUserAction(1)') },
    { name: 'inside a nested function of the callback', path: ROUTE, code: route('  after(async () => { items.forEach((i) => { logUserAction(i) }) })') },
  ],
  invalid: [
    {
      name: 'the seed "Correct" example leaves logUserAction floating',
      path: ROUTE,
      code: code`
        import { after } from 'next/server'
        import { headers } from 'next/headers'
        async function logUserAction(data: unknown) {}
        export async function POST() {
          after(async () => {
            const userAgent = (await headers()).get('user-agent') || 'unknown'
            logUserAction({ userAgent })
          })
          return Response.json({ ok: true })
        }
      `,
      errors: ['floating-promise-in-after@7:5'],
      output: code`
        import { after } from 'next/server'
        import { headers } from 'next/headers'
        async function logUserAction(data: unknown) {}
        export async function POST() {
          after(async () => {
            const userAgent = (await headers()).get('user-agent') || 'unknown'
            await logUserAction({ userAgent })
          })
          return Response.json({ ok: true })
        }
      `,
    },
    { name: 'callback made async', path: ROUTE, code: route('  after(() => {\n    logUserAction(1)\n  })'), errors: ['floating-promise-in-after@5:5'], output: route('  after(async () => {\n    await logUserAction(1)\n  })') },
    { name: 'function expression made async', path: ROUTE, code: route('  after(function () { logUserAction(1) })'), errors: ['floating-promise-in-after@4:23'], output: route('  after(async function () { await logUserAction(1) })') },
    { name: 'void replaced by await', path: ROUTE, code: route('  after(async () => { void logUserAction(1) })'), errors: ['floating-promise-in-after@4:28'], output: route('  after(async () => { await logUserAction(1) })') },
    { name: '.catch chain', path: ROUTE, code: route('  after(async () => { logUserAction(1).catch(() => {}) })'), errors: ['floating-promise-in-after@4:23'], output: route('  after(async () => { await logUserAction(1).catch(() => {}) })') },
    { name: 'in a Server Component too', path: 'app/page.tsx', code: `${HEAD}export default async function Page() {\n  after(() => { logUserAction(1) })\n  return <main />\n}\n`, errors: ['floating-promise-in-after@4:17'] },
    { name: 'in a lib helper (context-free)', path: 'lib/x.ts', code: `${HEAD}export function later() {\n  after(() => { logUserAction(1) })\n}\n`, errors: ['floating-promise-in-after@4:17'] },
    { name: 'catalogue entry', path: ROUTE, code: "import { after } from 'next/server'\nimport { track } from '@vercel/analytics/server'\nexport async function POST() {\n  after(() => { track('x') })\n  return new Response()\n}\n", errors: ['floating-promise-in-after@4:17'] },
    { name: 'inside if within the callback', path: ROUTE, code: route('  after(async () => {\n    if (1) logUserAction(1)\n  })'), errors: ['floating-promise-in-after@5:12'] },
    { name: 'a named local callback', path: ROUTE, code: `${HEAD}function later() { logUserAction(1) }\nexport async function POST() {\n  after(later)\n  return new Response()\n}\n`, errors: ['floating-promise-in-after@3:20'], output: `${HEAD}async function later() { await logUserAction(1) }\nexport async function POST() {\n  after(later)\n  return new Response()\n}\n` },
  ],
});
