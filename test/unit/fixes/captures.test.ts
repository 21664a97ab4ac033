import { code, ruleTable } from '../rules/ruleTester';

/**
 * "Fixes keep behaviour" (spec/rules.md): a deferring fix evaluates before the `after` call what
 * could differ once the response is sent, and passes the values in. Every case here type-checks
 * with the Next.js stubs before its fix; the table's round trip checks it still does after each
 * fix and after fix-all.
 */

const ROUTE = 'app/api/webhook/route.ts';

ruleTable('blocking-side-effect', {
  valid: [],
  invalid: [
    {
      name: 'a narrowed let assigned again later, and a duration: read before after(), named after what they hold',
      path: ROUTE,
      code: code`
        import { NextResponse } from 'next/server'

        type Workspace = { id: string; name: string }
        declare function findWorkspace(url: string): Promise<Workspace | null>
        declare function captureWebhookLog(entry: { workspaceId: string; duration: number; status: number }): Promise<void>

        export async function POST(request: Request) {
          const startTime = Date.now()
          let workspace: Workspace | null = null
          workspace = await findWorkspace(request.url)
          if (!workspace) return NextResponse.json({ error: 'not found' }, { status: 404 })
          await captureWebhookLog({ workspaceId: workspace.id, duration: Date.now() - startTime, status: 200 })
          workspace = null
          return NextResponse.json({ ok: true })
        }
      `,
      errors: ['blocking-side-effect@12:3'],
      output: code`
        import { NextResponse, after } from 'next/server'

        type Workspace = { id: string; name: string }
        declare function findWorkspace(url: string): Promise<Workspace | null>
        declare function captureWebhookLog(entry: { workspaceId: string; duration: number; status: number }): Promise<void>

        export async function POST(request: Request) {
          const startTime = Date.now()
          let workspace: Workspace | null = null
          workspace = await findWorkspace(request.url)
          if (!workspace) return NextResponse.json({ error: 'not found' }, { status: 404 })
          const workspaceId = workspace.id
          const duration = Date.now() - startTime
          after(async () => {
            await captureWebhookLog({ workspaceId, duration, status: 200 })
          })
          workspace = null
          return NextResponse.json({ ok: true })
        }
      `,
    },
    {
      name: 'Server Component: a let assigned after the statement is read with the value it has now',
      path: 'app/page.tsx',
      code: code`
        declare function countVisits(): Promise<number>
        declare function logPageView(data: { visits: number }): Promise<void>

        export default async function Page() {
          let visits = await countVisits()
          await logPageView({ visits })
          visits = visits + 1
          return <main>{visits}</main>
        }
      `,
      errors: ['blocking-side-effect@6:3'],
      output: code`
        import { after } from 'next/server'
        declare function countVisits(): Promise<number>
        declare function logPageView(data: { visits: number }): Promise<void>

        export default async function Page() {
          let visits = await countVisits()
          const currentVisits = visits
          after(async () => {
            await logPageView({ visits: currentVisits })
          })
          visits = visits + 1
          return <main>{visits}</main>
        }
      `,
    },
    {
      name: 'properties changed later are read now; a property nobody changes is read inside',
      path: 'app/api/orders/route.ts',
      code: code`
        type Order = { id: string; status: string; items: string[] }
        declare function createOrder(body: unknown): Promise<Order>
        declare function trackOrder(data: { id: string; status: string; count: number }): Promise<void>

        export async function POST(request: Request) {
          const order = await createOrder(await request.json())
          await trackOrder({ id: order.id, status: order.status, count: order.items.length })
          order.status = 'confirmed'
          order.items.push('gift')
          return Response.json(order)
        }
      `,
      errors: ['blocking-side-effect@7:3'],
      output: code`
        import { after } from 'next/server'
        type Order = { id: string; status: string; items: string[] }
        declare function createOrder(body: unknown): Promise<Order>
        declare function trackOrder(data: { id: string; status: string; count: number }): Promise<void>

        export async function POST(request: Request) {
          const order = await createOrder(await request.json())
          const status = order.status
          const itemsLength = order.items.length
          after(async () => {
            await trackOrder({ id: order.id, status, count: itemsLength })
          })
          order.status = 'confirmed'
          order.items.push('gift')
          return Response.json(order)
        }
      `,
    },
    {
      name: 'a property narrowed by the if around it; clocks and random sources',
      path: 'app/api/partners/route.ts',
      code: code`
        type Partner = { id: string; email: string | null; name: string }
        declare function getPartner(id: string): Promise<Partner>
        declare function sendPartnerEmail(data: { to: string; name: string }): Promise<void>
        declare function logRequest(data: { at: Date; requestId: string; sample: number; took: number }): Promise<void>

        export async function POST(request: Request) {
          const started = performance.now()
          const partner = await getPartner(request.url)
          if (partner.email) {
            await sendPartnerEmail({ to: partner.email, name: partner.name })
          }
          await logRequest({ at: new Date(), requestId: crypto.randomUUID(), sample: Math.random(), took: performance.now() - started })
          return Response.json({ ok: true })
        }
      `,
      errors: ['blocking-side-effect@10:5', 'blocking-side-effect@12:3'],
      output: code`
        import { after } from 'next/server'
        type Partner = { id: string; email: string | null; name: string }
        declare function getPartner(id: string): Promise<Partner>
        declare function sendPartnerEmail(data: { to: string; name: string }): Promise<void>
        declare function logRequest(data: { at: Date; requestId: string; sample: number; took: number }): Promise<void>

        export async function POST(request: Request) {
          const started = performance.now()
          const partner = await getPartner(request.url)
          if (partner.email) {
            const partnerEmail = partner.email
            after(async () => {
              await sendPartnerEmail({ to: partnerEmail, name: partner.name })
            })
          }
          const at = new Date()
          const requestId = crypto.randomUUID()
          const sample = Math.random()
          const took = performance.now() - started
          after(async () => {
            await logRequest({ at, requestId, sample, took })
          })
          return Response.json({ ok: true })
        }
      `,
    },
    {
      name: 'a narrowed property read under a condition is read before: the check that narrowed it read its object',
      path: 'app/api/partners/route.ts',
      code: code`
        type Partner = { email: string | null; name: string }
        declare function getPartner(id: string): Promise<Partner>
        declare function sendEmail(data: { to: string; cc?: string; subject: string }): Promise<void>

        export async function POST(request: Request) {
          const partner = await getPartner(request.url)
          if (!partner.email) return Response.json({ sent: false })
          await sendEmail({ to: 'team@example.com', cc: request.method === 'PUT' ? partner.email : undefined, subject: partner.name })
          return Response.json({ sent: true })
        }
      `,
      errors: ['blocking-side-effect@8:3'],
      output: code`
        import { after } from 'next/server'
        type Partner = { email: string | null; name: string }
        declare function getPartner(id: string): Promise<Partner>
        declare function sendEmail(data: { to: string; cc?: string; subject: string }): Promise<void>

        export async function POST(request: Request) {
          const partner = await getPartner(request.url)
          if (!partner.email) return Response.json({ sent: false })
          const partnerEmail = partner.email
          after(async () => {
            await sendEmail({ to: 'team@example.com', cc: request.method === 'PUT' ? partnerEmail : undefined, subject: partner.name })
          })
          return Response.json({ sent: true })
        }
      `,
    },
    {
      name: 'randomUUID imported from node:crypto is a random source; a local function that happens to be called now is not',
      path: ROUTE,
      code: code`
        import { randomUUID } from 'node:crypto'

        declare function logRequest(data: { id: string; at: number }): Promise<void>
        const clock = { now: () => 1 }

        export async function POST() {
          await logRequest({ id: randomUUID(), at: clock.now() })
          return Response.json({ ok: true })
        }
      `,
      errors: ['blocking-side-effect@7:3'],
      output: code`
        import { randomUUID } from 'node:crypto'
        import { after } from 'next/server'

        declare function logRequest(data: { id: string; at: number }): Promise<void>
        const clock = { now: () => 1 }

        export async function POST() {
          const id = randomUUID()
          after(async () => {
            await logRequest({ id, at: clock.now() })
          })
          return Response.json({ ok: true })
        }
      `,
    },
    {
      name: 'a declaration that reads the clock stays where it is instead of moving along',
      path: ROUTE,
      code: code`
        declare function logRequest(data: { duration: number; path: string }): Promise<void>

        export async function GET(request: Request) {
          const started = Date.now()
          const path = new URL(request.url).pathname
          const duration = Date.now() - started
          await logRequest({ duration, path })
          return Response.json({ ok: true })
        }
      `,
      errors: ['blocking-side-effect@7:3'],
      output: code`
        import { after } from 'next/server'
        declare function logRequest(data: { duration: number; path: string }): Promise<void>

        export async function GET(request: Request) {
          const started = Date.now()
          const duration = Date.now() - started
          after(async () => {
            const path = new URL(request.url).pathname
            await logRequest({ duration, path })
          })
          return Response.json({ ok: true })
        }
      `,
    },
    {
      name: 'Server Component: a request API read in the statement is read before after(), a taken name is not reused',
      path: 'app/page.tsx',
      code: code`
        import { headers } from 'next/headers'

        declare function logPageView(data: { agent: string | null; duration: number }): Promise<void>

        export default async function Page() {
          const started = Date.now()
          const duration = 5
          await logPageView({ agent: (await headers()).get('user-agent'), duration: Date.now() - started })
          return <main>{duration}</main>
        }
      `,
      errors: ['blocking-side-effect@8:3'],
      output: code`
        import { headers } from 'next/headers'
        import { after } from 'next/server'

        declare function logPageView(data: { agent: string | null; duration: number }): Promise<void>

        export default async function Page() {
          const started = Date.now()
          const duration = 5
          const headersList = await headers()
          const duration2 = Date.now() - started
          after(async () => {
            await logPageView({ agent: headersList.get('user-agent'), duration: duration2 })
          })
          return <main>{duration}</main>
        }
      `,
    },
    {
      name: 'Route Handler: the request API stays inside after(), as the seed does',
      path: ROUTE,
      code: code`
        import { headers } from 'next/headers'

        declare function logUserAction(data: { agent: string | null; at: number }): Promise<void>

        export async function POST() {
          await logUserAction({ agent: (await headers()).get('user-agent'), at: Date.now() })
          return Response.json({ ok: true })
        }
      `,
      errors: ['blocking-side-effect@6:3'],
      output: code`
        import { headers } from 'next/headers'
        import { after } from 'next/server'

        declare function logUserAction(data: { agent: string | null; at: number }): Promise<void>

        export async function POST() {
          const at = Date.now()
          after(async () => {
            await logUserAction({ agent: (await headers()).get('user-agent'), at })
          })
          return Response.json({ ok: true })
        }
      `,
    },
    {
      name: 'names used inside the moved code are not taken; a loop variable is captured per iteration',
      path: ROUTE,
      code: code`
        declare function logBatch(data: { batch: number; ids: string[]; at: number }): Promise<void>

        export async function POST(request: Request) {
          const ids: string[] = await request.json()
          for (let batch = 0; batch < ids.length; batch += 10) {
            await logBatch({ batch, ids: ids.slice(batch, batch + 10).map((at) => at), at: Date.now() })
          }
          return Response.json({ ok: true })
        }
      `,
      errors: ['blocking-side-effect@6:5'],
      output: code`
        import { after } from 'next/server'
        declare function logBatch(data: { batch: number; ids: string[]; at: number }): Promise<void>

        export async function POST(request: Request) {
          const ids: string[] = await request.json()
          for (let batch = 0; batch < ids.length; batch += 10) {
            const currentBatch = batch
            const now = Date.now()
            after(async () => {
              await logBatch({ batch: currentBatch, ids: ids.slice(currentBatch, currentBatch + 10).map((at) => at), at: now })
            })
          }
          return Response.json({ ok: true })
        }
      `,
    },
  ],
});

ruleTable('floating-side-effect', {
  valid: [],
  invalid: [
    {
      name: 'the clock and a let assigned later are read before after()',
      path: ROUTE,
      code: code`
        declare function trackSignup(data: { at: number; plan: string }): Promise<void>

        export async function POST(request: Request) {
          let plan = 'free'
          void trackSignup({ at: Date.now(), plan })
          if (request.method === 'PUT') plan = 'pro'
          return Response.json({ plan })
        }
      `,
      errors: ['floating-side-effect@5:8'],
      output: code`
        import { after } from 'next/server'
        declare function trackSignup(data: { at: number; plan: string }): Promise<void>

        export async function POST(request: Request) {
          let plan = 'free'
          const at = Date.now()
          const currentPlan = plan
          after(() => trackSignup({ at, plan: currentPlan }))
          if (request.method === 'PUT') plan = 'pro'
          return Response.json({ plan })
        }
      `,
    },
    {
      name: 'Route Handler: an awaited request API stays in the task, whose callback becomes async',
      path: ROUTE,
      code: code`
        import { headers } from 'next/headers'

        declare function trackUsage(data: { agent: string | null }): Promise<void>

        export async function POST() {
          void trackUsage({ agent: (await headers()).get('user-agent') })
          return Response.json({ ok: true })
        }
      `,
      errors: ['floating-side-effect@6:8'],
      output: code`
        import { headers } from 'next/headers'
        import { after } from 'next/server'

        declare function trackUsage(data: { agent: string | null }): Promise<void>

        export async function POST() {
          after(async () => trackUsage({ agent: (await headers()).get('user-agent') }))
          return Response.json({ ok: true })
        }
      `,
    },
    {
      name: 'Server Component: a request API read in a callback of the moved code could not run in after(): no fix',
      path: 'app/page.tsx',
      code: code`
        import { headers } from 'next/headers'

        declare function trackView(referrer: Promise<string | null>): Promise<void>

        export default async function Page() {
          void trackView((async () => (await headers()).get('referer'))())
          return <main />
        }
      `,
      errors: ['floating-side-effect@6:8'],
      output: code`
        import { headers } from 'next/headers'

        declare function trackView(referrer: Promise<string | null>): Promise<void>

        export default async function Page() {
          void trackView((async () => (await headers()).get('referer'))())
          return <main />
        }
      `,
    },
  ],
});

ruleTable('prefer-after-over-waituntil', {
  valid: [],
  invalid: [
    {
      name: 'the issue\'s webhook: a narrowed let, the duration and a response assigned in branches',
      path: 'app/api/appsflyer/webhook/route.ts',
      code: code`
        import { waitUntil } from '@vercel/functions'

        type Workspace = { id: string }
        declare function findWorkspace(id: string | null): Promise<Workspace | null>
        declare function captureWebhookLog(entry: { workspaceId: string; duration: number; responseBody: string }): Promise<void>

        export async function GET(request: Request) {
          const startTime = Date.now()
          let workspace: Workspace | null = null
          let response = 'ok'
          try {
            workspace = await findWorkspace(new URL(request.url).searchParams.get('app'))
            if (!workspace) return new Response('not found', { status: 404 })
            if (request.headers.has('x-sale')) response = 'sale tracked'
            waitUntil(
              captureWebhookLog({
                workspaceId: workspace.id,
                duration: Date.now() - startTime,
                responseBody: response,
              }),
            )
            return new Response(response)
          } catch (error) {
            workspace = null
            return new Response(String(error), { status: 500 })
          }
        }
      `,
      errors: ['prefer-after-over-waituntil@15:5'],
      output: code`
        import { after } from 'next/server'

        type Workspace = { id: string }
        declare function findWorkspace(id: string | null): Promise<Workspace | null>
        declare function captureWebhookLog(entry: { workspaceId: string; duration: number; responseBody: string }): Promise<void>

        export async function GET(request: Request) {
          const startTime = Date.now()
          let workspace: Workspace | null = null
          let response = 'ok'
          try {
            workspace = await findWorkspace(new URL(request.url).searchParams.get('app'))
            if (!workspace) return new Response('not found', { status: 404 })
            if (request.headers.has('x-sale')) response = 'sale tracked'
            const workspaceId = workspace.id
            const duration = Date.now() - startTime
            const responseBody = response
            after(() => captureWebhookLog({
                workspaceId,
                duration,
                responseBody,
              }))
            return new Response(response)
          } catch (error) {
            workspace = null
            return new Response(String(error), { status: 500 })
          }
        }
      `,
    },
  ],
});

ruleTable('after-non-callback', {
  valid: [],
  invalid: [
    {
      name: 'a call passed to after(): its arguments are read before, as they were',
      path: ROUTE,
      code: code`
        import { after } from 'next/server'

        declare function logAttempt(data: { attempt: number; at: number }): Promise<void>

        export async function POST() {
          let attempt = 1
          after(logAttempt({ attempt, at: Date.now() }))
          attempt = 2
          after(await logAttempt({ attempt, at: 0 }))
          return Response.json({ attempt })
        }
      `,
      errors: ['after-non-callback@7:9', 'after-non-callback@9:9'],
      output: code`
        import { after } from 'next/server'

        declare function logAttempt(data: { attempt: number; at: number }): Promise<void>

        export async function POST() {
          let attempt = 1
          const currentAttempt = attempt
          const at = Date.now()
          after(() => logAttempt({ attempt: currentAttempt, at }))
          attempt = 2
          const currentAttempt2 = attempt
          after(() => logAttempt({ attempt: currentAttempt2, at: 0 }))
          return Response.json({ attempt })
        }
      `,
    },
  ],
});
