import { code, ruleTable } from './ruleTester';

ruleTable('request-api-in-after', {
  valid: [
    {
      name: 'Route Handler may read headers inside after',
      path: 'app/api/track/route.ts',
      code: code`
        import { after } from 'next/server'
        import { headers } from 'next/headers'
        export async function POST() {
          after(async () => { const ua = (await headers()).get('user-agent') })
          return Response.json({ ok: true })
        }
      `,
    },
    {
      name: 'Server Action module may read cookies inside after',
      path: 'app/actions.ts',
      code: code`
        'use server'
        import { after } from 'next/server'
        import { cookies } from 'next/headers'
        export async function save() {
          after(async () => { (await cookies()).get('session') })
        }
      `,
    },
    {
      name: 'inline "use server" action inside a page is an action, not the page',
      path: 'app/settings/page.tsx',
      code: code`
        import { after } from 'next/server'
        import { cookies } from 'next/headers'
        export default function Page() {
          async function save() {
            'use server'
            after(async () => { (await cookies()).get('theme') })
          }
          return <form action={save} />
        }
      `,
    },
    {
      name: 'page hoists the read before after',
      path: 'app/page.tsx',
      code: code`
        import { after } from 'next/server'
        import { headers } from 'next/headers'
        export default async function Page() {
          const headersList = await headers()
          after(() => console.log(headersList.get('user-agent')))
          return <main />
        }
      `,
    },
    {
      name: 'a local function named after is not Next.js after',
      path: 'app/page.tsx',
      code: code`
        import { headers } from 'next/headers'
        function after(task: () => unknown) { return task() }
        export default async function Page() {
          after(async () => headers())
          return <main />
        }
      `,
    },
    {
      name: 'a local function named headers is not the request API',
      path: 'app/page.tsx',
      code: code`
        import { after } from 'next/server'
        export default async function Page() {
          const headers = () => ({ get: (name: string) => name })
          after(() => headers().get('x'))
          return <main />
        }
      `,
    },
    {
      name: 'Middleware may read cookies inside after',
      path: 'src/middleware.ts',
      code: code`
        import { after, NextResponse } from 'next/server'
        import { cookies } from 'next/headers'
        export function middleware() {
          after(async () => { (await cookies()).get('id') })
          return NextResponse.next()
        }
      `,
    },
    {
      name: 'headers imported from another module',
      path: 'app/page.tsx',
      code: code`
        import { after } from 'next/server'
        import { headers } from './lib/fake-headers'
        export default async function Page() {
          after(() => headers())
          return <main />
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'headers() inside after in a page',
      path: 'app/blog/[slug]/page.tsx',
      code: code`
        import { after } from 'next/server'
        import { headers } from 'next/headers'
        export default async function Page() {
          after(async () => {
            const ua = (await headers()).get('user-agent')
            console.log(ua)
          })
          return <article />
        }
      `,
      errors: ['request-api-in-after@5:23'],
      messageIncludes: ['Server Component (app/blog/[slug]/page.tsx)', 'Read headers before calling after()'],
      output: code`
        import { after } from 'next/server'
        import { headers } from 'next/headers'
        export default async function Page() {
          const headersList = await headers()
          after(async () => {
            const ua = headersList.get('user-agent')
            console.log(ua)
          })
          return <article />
        }
      `,
    },
    {
      name: 'aliases of after and cookies',
      path: 'app/page.tsx',
      code: code`
        import { after as defer } from 'next/server';
        import { cookies as readCookies } from 'next/headers';
        export default async function Page() {
          defer(async () => { const store = await readCookies(); });
          return <main />;
        }
      `,
      errors: ['request-api-in-after@4:43'],
      output: code`
        import { after as defer } from 'next/server';
        import { cookies as readCookies } from 'next/headers';
        export default async function Page() {
          const cookieStore = await readCookies();
          defer(async () => { const store = cookieStore; });
          return <main />;
        }
      `,
    },
    {
      name: 'namespace imports',
      path: 'app/page.tsx',
      code: code`
        import * as server from 'next/server'
        import * as nh from 'next/headers'
        export default async function Page() {
          server.after(async () => { await nh.headers() })
          return <main />
        }
      `,
      errors: ['request-api-in-after@4:36'],
    },
    {
      name: 'nested after keeps the context of the outermost',
      path: 'app/page.tsx',
      code: code`
        import { after } from 'next/server'
        import { cookies } from 'next/headers'
        export default async function Page() {
          after(() => {
            after(async () => { await cookies() })
          })
          return <main />
        }
      `,
      errors: ['request-api-in-after@5:31'],
      output: code`
        import { after } from 'next/server'
        import { cookies } from 'next/headers'
        export default async function Page() {
          const cookieStore = await cookies()
          after(() => {
            after(async () => { cookieStore })
          })
          return <main />
        }
      `,
    },
    {
      name: 'src/app layout',
      path: 'src/app/(shop)/layout.tsx',
      code: code`
        import { after } from 'next/server'
        import { headers } from 'next/headers'
        export default async function Layout({ children }: { children: React.ReactNode }) {
          after(async () => { const h = await headers(); h.get('x') })
          return <>{children}</>
        }
      `,
      errors: ['request-api-in-after@4:39'],
    },
    {
      name: 'generateMetadata is render time',
      path: 'app/blog/[slug]/page.tsx',
      code: code`
        import { after } from 'next/server'
        import { headers } from 'next/headers'
        export async function generateMetadata() {
          after(async () => { await headers() })
          return { title: 'Post' }
        }
        export default function Page() { return <article /> }
      `,
      errors: ['request-api-in-after@4:29'],
    },
    {
      name: 'connection() is hoisted as a call of its own',
      path: 'app/page.tsx',
      code: code`
        import { after, connection } from 'next/server'
        export default async function Page() {
          after(async () => {
            await connection()
            console.log('done')
          })
          return <main />
        }
      `,
      errors: ['request-api-in-after@4:11'],
      output: code`
        import { after, connection } from 'next/server'
        export default async function Page() {
          await connection()
          after(async () => {
            console.log('done')
          })
          return <main />
        }
      `,
    },
    {
      name: 'async PascalCase component in a shared module',
      path: 'components/user-card.tsx',
      code: code`
        import { after } from 'next/server'
        import { cookies } from 'next/headers'
        export async function UserCard() {
          after(async () => { await cookies() })
          return <div />
        }
      `,
      errors: ['request-api-in-after@4:29'],
    },
    {
      name: 'a local function passed to after by name; no fix, since a hoisted value would be out of its scope',
      path: 'app/page.tsx',
      code: code`
        import { after } from 'next/server'
        import { cookies } from 'next/headers'
        async function rememberVisit() {
          const store = await cookies()
          console.log(store.get('visitor'))
        }
        export default async function Page() {
          after(rememberVisit)
          return <main />
        }
      `,
      errors: ['request-api-in-after@4:23'],
      messageIncludes: ['declared elsewhere'],
      output: code`
        import { after } from 'next/server'
        import { cookies } from 'next/headers'
        async function rememberVisit() {
          const store = await cookies()
          console.log(store.get('visitor'))
        }
        export default async function Page() {
          after(rememberVisit)
          return <main />
        }
      `,
    },
    {
      name: 'no fix when the component is not async, and the message says why',
      path: 'app/page.tsx',
      code: code`
        import { after } from 'next/server'
        import { headers } from 'next/headers'
        export default function Page() {
          after(async () => { await headers() })
          return <main />
        }
      `,
      errors: ['request-api-in-after@4:29'],
      messageIncludes: ['not async'],
      output: code`
        import { after } from 'next/server'
        import { headers } from 'next/headers'
        export default function Page() {
          after(async () => { await headers() })
          return <main />
        }
      `,
    },
  ],
});
