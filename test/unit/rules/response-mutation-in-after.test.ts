import { code, ruleTable } from './ruleTester';

ruleTable('response-mutation-in-after', {
  valid: [
    {
      name: 'cookie written before after',
      path: 'app/actions.ts',
      code: code`
        'use server'
        import { after } from 'next/server'
        import { cookies } from 'next/headers'
        export async function save() {
          const store = await cookies()
          store.set('saved', '1')
          after(() => console.log('saved'))
        }
      `,
    },
    {
      name: '.set() on a Map inside after is not a cookie store',
      path: 'app/api/cache/route.ts',
      code: code`
        import { after } from 'next/server'
        const cache = new Map<string, string>()
        export async function POST() {
          after(() => { cache.set('k', 'v'); cache.delete('old') })
          return new Response(null)
        }
      `,
    },
    {
      name: '.set() on a CMS client is not a cookie store',
      path: 'app/api/cms/route.ts',
      code: code`
        import { after } from 'next/server'
        import { cms } from '@/lib/cms'
        export async function POST() {
          const client = cms()
          after(async () => { await client.set('views', 1) })
          return new Response(null)
        }
      `,
    },
    {
      name: 'reading draftMode().isEnabled is fine',
      path: 'app/page.tsx',
      code: code`
        import { after } from 'next/server'
        import { draftMode } from 'next/headers'
        export default async function Page() {
          const draft = await draftMode()
          after(() => console.log(draft.isEnabled))
          return <main />
        }
      `,
    },
    {
      name: 'redirect outside after',
      path: 'app/actions.ts',
      code: code`
        'use server'
        import { after } from 'next/server'
        import { redirect } from 'next/navigation'
        export async function save() {
          after(() => console.log('saved'))
          redirect('/done')
        }
      `,
    },
    {
      name: 'a local redirect function is not Next.js redirect',
      path: 'app/api/route.ts',
      code: code`
        import { after } from 'next/server'
        function redirect(to: string) { return to }
        export async function GET() {
          after(() => redirect('/x'))
          return new Response(null)
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'cookies().set inside after in an action',
      path: 'app/actions.ts',
      code: code`
        'use server'
        import { after } from 'next/server'
        import { cookies } from 'next/headers'
        export async function save() {
          after(async () => {
            (await cookies()).set('seen', '1')
          })
        }
      `,
      errors: ['response-mutation-in-after@6:5'],
      messageIncludes: ['Server Action (app/actions.ts)', 'Do it before calling after().'],
      output: code`
        'use server'
        import { after } from 'next/server'
        import { cookies } from 'next/headers'
        export async function save() {
          (await cookies()).set('seen', '1')
          after(async () => {
          })
        }
      `,
    },
    {
      name: 'captured cookie store used inside after',
      path: 'app/api/login/route.ts',
      code: code`
        import { after } from 'next/server'
        import { cookies } from 'next/headers'
        export async function POST() {
          const store = await cookies()
          after(() => {
            store.delete('pending')
            console.log('done')
          })
          return Response.json({})
        }
      `,
      errors: ['response-mutation-in-after@6:5'],
      output: code`
        import { after } from 'next/server'
        import { cookies } from 'next/headers'
        export async function POST() {
          const store = await cookies()
          store.delete('pending')
          after(() => {
            console.log('done')
          })
          return Response.json({})
        }
      `,
    },
    {
      name: 'draft mode switched inside after through a captured handle',
      path: 'app/api/draft/route.ts',
      code: code`
        import { after } from 'next/server'
        import { draftMode } from 'next/headers'
        export async function GET() {
          const draft = await draftMode()
          after(() => { draft.enable() })
          return new Response(null)
        }
      `,
      errors: ['response-mutation-in-after@5:17'],
    },
    {
      name: 'redirect moves right after the after() call, so the callback is still registered',
      path: 'app/actions.ts',
      code: code`
        'use server'
        import { after } from 'next/server'
        import { redirect } from 'next/navigation'
        export async function save() {
          after(async () => {
            await logSave()
            redirect('/done')
          })
        }
      `,
      errors: ['response-mutation-in-after@7:5'],
      messageIncludes: ['Call it right after the `after(...)` statement instead: `redirect()` throws, so after() must be registered before it'],
      output: code`
        'use server'
        import { after } from 'next/server'
        import { redirect } from 'next/navigation'
        export async function save() {
          after(async () => {
            await logSave()
          })
          redirect('/done')
        }
      `,
    },
    {
      name: 'redirect inside after, aliased import',
      path: 'app/actions.ts',
      code: code`
        'use server'
        import { after as later } from 'next/server'
        import { redirect as go } from 'next/navigation'
        export async function save() {
          later(() => { go('/done') })
        }
      `,
      errors: ['response-mutation-in-after@5:17'],
    },
    {
      name: 'notFound through a namespace import, in a page',
      path: 'src/app/page.tsx',
      code: code`
        import { after } from 'next/server'
        import * as nav from 'next/navigation'
        export default async function Page() {
          after(() => { nav.notFound() })
          return <main />
        }
      `,
      errors: ['response-mutation-in-after@4:17'],
      messageIncludes: ['Calling `notFound()`', 'right after the `after(...)` statement', '`notFound()` throws'],
    },
    {
      name: 'inside a helper in lib (context-free rule)',
      path: 'lib/audit.ts',
      code: code`
        import { after } from 'next/server'
        import { cookies } from 'next/headers'
        export function auditLater() {
          after(async () => {
            const jar = await cookies()
            jar.set('audited', 'yes')
          })
        }
      `,
      errors: ['response-mutation-in-after@6:5'],
      messageIncludes: ['lib/audit.ts'],
    },
    {
      name: 'nested after',
      path: 'app/api/route.ts',
      code: code`
        import { after } from 'next/server'
        import { permanentRedirect } from 'next/navigation'
        export async function GET() {
          after(() => { after(() => permanentRedirect('/new')) })
          return new Response(null)
        }
      `,
      errors: ['response-mutation-in-after@4:29'],
    },
  ],
});
