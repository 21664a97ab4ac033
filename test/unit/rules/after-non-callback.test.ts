import { code, ruleTable } from './ruleTester';

const route = (body: string): string => `import { after } from 'next/server'\nexport async function POST() {\n  ${body}\n  return new Response(null)\n}\n`;

ruleTable('after-non-callback', {
  valid: [
    { name: 'arrow callback', path: 'app/api/route.ts', code: route('after(() => send())') },
    { name: 'async function expression', path: 'app/api/route.ts', code: route('after(async function log() { await send() })') },
    { name: 'plain identifier of unknown type', path: 'app/api/route.ts', code: route('after(task)') },
    { name: 'method reference', path: 'app/api/route.ts', code: route('after(logger.flush)') },
    { name: 'parenthesised callback', path: 'app/api/route.ts', code: route('after((() => {}))') },
    { name: 'local after taking a value', path: 'app/api/route.ts', code: code`
      function after(value: unknown) { return value }
      export async function POST() { after(send()); return new Response(null) }
    ` },
  ],
  invalid: [
    {
      name: 'a call starts during the response',
      path: 'app/api/route.ts',
      code: route('after(send())'),
      errors: ['after-non-callback@3:9'],
      output: route('after(() => send())'),
    },
    {
      name: 'a method call',
      path: 'app/api/route.ts',
      code: route('after(logger.flush())'),
      errors: ['after-non-callback@3:9'],
      output: route('after(() => logger.flush())'),
    },
    {
      name: 'an awaited value blocks the response',
      path: 'app/api/route.ts',
      code: route('after(await send())'),
      errors: ['after-non-callback@3:9'],
      messageIncludes: ['awaited'],
      output: route('after(() => send())'),
    },
    {
      name: 'a new promise',
      path: 'app/api/route.ts',
      code: route('after(new Promise((resolve) => setTimeout(resolve, 10)))'),
      errors: ['after-non-callback@3:9'],
      output: route('after(() => new Promise((resolve) => setTimeout(resolve, 10)))'),
    },
    {
      name: 'a literal is an error',
      path: 'app/api/route.ts',
      code: route("after('flush')"),
      errors: ['after-non-callback@3:9'],
      severity: 'error',
    },
    {
      name: 'undefined is an error',
      path: 'app/api/route.ts',
      code: route('after(undefined)'),
      errors: ['after-non-callback@3:9'],
      severity: 'error',
    },
    {
      name: 'no argument at all',
      path: 'app/api/route.ts',
      code: route('after()'),
      errors: ['after-non-callback@3:3'],
      severity: 'error',
    },
    {
      name: 'alias, in a page',
      path: 'app/page.tsx',
      code: code`
        import { after as defer } from 'next/server'
        export default async function Page() {
          defer(track('view'))
          return <main />
        }
      `,
      errors: ['after-non-callback@3:9'],
      output: code`
        import { after as defer } from 'next/server'
        export default async function Page() {
          defer(() => track('view'))
          return <main />
        }
      `,
    },
  ],
});
