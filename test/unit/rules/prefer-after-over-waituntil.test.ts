import { code, ruleTable } from './ruleTester';

ruleTable('prefer-after-over-waituntil', {
  valid: [
    { name: 'Next 15.0', path: 'app/api/x/route.ts', nextVersion: '15.0.3', code: "import { waitUntil } from '@vercel/functions'\nexport async function POST() { waitUntil(track()); return new Response() }\n" },
    { name: 'event.waitUntil of middleware', path: 'middleware.ts', code: "export function middleware(req: Request, event: { waitUntil(p: Promise<unknown>): void }) { event.waitUntil(track()) }\n" },
    { name: 'helper in lib, unknown context', path: 'lib/x.ts', code: "import { waitUntil } from '@vercel/functions'\nexport function later(p: Promise<unknown>) { waitUntil(p) }\n" },
    { name: 'a local waitUntil', path: 'app/api/x/route.ts', code: 'function waitUntil(p: unknown) {}\nexport async function POST() { waitUntil(track()); return new Response() }\n' },
    { name: 'after already', path: 'app/api/x/route.ts', code: "import { after } from 'next/server'\nexport async function POST() { after(() => track()); return new Response() }\n" },
    { name: 'Next 14', path: 'app/api/x/route.ts', nextVersion: '14.2.0', code: "import { waitUntil } from '@vercel/functions'\nexport async function POST() { waitUntil(track()); return new Response() }\n" },
  ],
  invalid: [
    {
      name: 'Route Handler: wrapped in a callback, import replaced',
      path: 'app/api/x/route.ts',
      code: code`
        import { waitUntil } from '@vercel/functions'
        export async function POST() {
          waitUntil(trackSignup())
          return new Response()
        }
      `,
      errors: ['prefer-after-over-waituntil@3:3'],
      messageIncludes: ['starts once the response is sent'],
      output: code`
        import { after } from 'next/server'
        export async function POST() {
          after(() => trackSignup())
          return new Response()
        }
      `,
    },
    {
      name: 'other specifiers of the import stay',
      path: 'app/actions.ts',
      code: code`
        'use server'
        import { geolocation, waitUntil } from '@vercel/functions'
        import { NextResponse } from 'next/server'
        export async function save() {
          waitUntil(async () => { await logSave() })
        }
      `,
      errors: ['prefer-after-over-waituntil@5:3'],
      output: code`
        'use server'
        import { geolocation } from '@vercel/functions'
        import { NextResponse, after } from 'next/server'
        export async function save() {
          after(async () => { await logSave() })
        }
      `,
    },
    { name: 'Server Component', path: 'app/page.tsx', code: "import { waitUntil } from '@vercel/functions'\nexport default async function Page() { waitUntil(logView()); return <main /> }\n", errors: ['prefer-after-over-waituntil@2:40'] },
    { name: 'alias', path: 'app/api/x/route.ts', code: "import { waitUntil as keepAlive } from '@vercel/functions'\nexport async function GET() { keepAlive(flush()); return new Response() }\n", errors: ['prefer-after-over-waituntil@2:31'] },
    { name: 'middleware with the Vercel import', path: 'middleware.ts', code: "import { waitUntil } from '@vercel/functions'\nexport function middleware() { waitUntil(logHit()) }\n", errors: ['prefer-after-over-waituntil@2:32'] },
    { name: 'two uses keep the import', path: 'app/api/x/route.ts', code: "import { waitUntil } from '@vercel/functions'\nexport async function GET() {\n  waitUntil(a())\n  waitUntil(b())\n  return new Response()\n}\n", errors: ['prefer-after-over-waituntil@3:3', 'prefer-after-over-waituntil@4:3'] },
  ],
});
