import { code, ruleTable, type InvalidCase } from './ruleTester';

/**
 * Background handlers (scheduled by vercel.json or a cron folder, or fed by a queue whose signature
 * they verify): the finding stays, as info, and says why; webhooks and everything else stay warnings.
 */
const job = (body: string, imports = ''): string => `${imports}export async function POST(request: Request) {\n${body}\n  return Response.json({ ok: true })\n}\n`;
const WHY = ['no one reads the response of a scheduled or queued job', '`after()` would only shorten the job', 'nextAfterLint.sideEffects.exclude'];

const background: InvalidCase[] = [
  {
    name: 'cron by vercel.json path (no cron folder); the fix is still offered',
    path: 'app/(jobs)/api/jobs/sync-usage/route.ts',
    cronPaths: ['/api/jobs/other', '/api/jobs/sync-usage'],
    code: job("  await logJobRun('sync-usage')"),
    errors: ['blocking-side-effect@2:3'],
    severity: 'info',
    messageIncludes: [...WHY, 'scheduled job (vercel.json lists `/api/jobs/sync-usage` under `crons`)', 'Route Handler (app/(jobs)/api/jobs/sync-usage/route.ts)'],
    output: `import { after } from 'next/server'\nexport async function POST(request: Request) {\n  after(async () => {\n    await logJobRun('sync-usage')\n  })\n  return Response.json({ ok: true })\n}\n`,
  },
  {
    name: 'cron by vercel.json path through a dynamic segment, under src/',
    path: 'src/app/api/jobs/[region]/route.ts',
    cronPaths: ['/api/jobs/eu'],
    code: job('  await reportUsage(1)'),
    errors: ['blocking-side-effect@2:3'],
    severity: 'info',
    messageIncludes: ['vercel.json lists `/api/jobs/eu`'],
  },
  {
    name: 'cron by folder: app/**/api/cron/, with a route group',
    path: 'app/(ee)/api/cron/payouts/process/route.ts',
    code: job('  await log({ message: "Processed payouts", type: "cron" })'),
    errors: ['blocking-side-effect@2:3'],
    severity: 'info',
    messageIncludes: [...WHY, 'scheduled job (its route sits in a `cron/` folder)'],
  },
  {
    name: 'cron by folder: app/**/cron/ outside api/',
    path: 'app/cron/digest/route.ts',
    code: job('  await trackDigestSent(1)'),
    errors: ['blocking-side-effect@2:3'],
    severity: 'info',
  },
  {
    name: "QStash's verifySignatureAppRouter wrapping the handler inline",
    path: 'app/api/queue/process/route.ts',
    code: code`
      import { verifySignatureAppRouter } from '@upstash/qstash/nextjs'
      export const POST = verifySignatureAppRouter(async (request: Request) => {
        const job = await request.json()
        await logJob(job)
        return Response.json({ ok: true })
      })
    `,
    errors: ['blocking-side-effect@4:3'],
    severity: 'info',
    messageIncludes: [...WHY, "queued job (`verifySignatureAppRouter` verifies the queue's signature)"],
  },
  {
    name: 'verifySignatureAppRouter wrapping a handler declared by name',
    path: 'app/api/queue/process/route.ts',
    code: code`
      import { verifySignatureAppRouter } from '@upstash/qstash/nextjs'
      async function handler(request: Request) {
        await logJob(await request.json())
        return Response.json({ ok: true })
      }
      export const POST = verifySignatureAppRouter(handler)
    `,
    errors: ['blocking-side-effect@3:3'],
    severity: 'info',
    messageIncludes: ['queued job'],
  },
  {
    name: 'verifySignatureEdge through a namespace import, around another wrapper and a const handler',
    path: 'app/api/queue/edge/route.ts',
    code: code`
      import * as qstash from '@upstash/qstash/nextjs'
      const handler = async (request: Request) => {
        await trackDelivery(request.url)
        return new Response('ok')
      }
      export const POST = qstash.verifySignatureEdge(withLogging(handler))
    `,
    errors: ['blocking-side-effect@3:3'],
    severity: 'info',
    messageIncludes: ['`qstash.verifySignatureEdge` verifies'],
  },
  {
    name: "Receiver#verify of @upstash/qstash inside the handler",
    path: 'app/api/queue/receive/route.ts',
    code: code`
      import { Receiver } from '@upstash/qstash'
      const receiver = new Receiver({ currentSigningKey: 'a', nextSigningKey: 'b' })
      export async function POST(request: Request) {
        const body = await request.text()
        const valid = await receiver.verify({ signature: request.headers.get('upstash-signature') ?? '', body })
        if (!valid) return new Response('invalid', { status: 401 })
        await logJob(body)
        return Response.json({ ok: true })
      }
    `,
    errors: ['blocking-side-effect@7:3'],
    severity: 'info',
    messageIncludes: ["`receiver.verify` verifies the queue's signature"],
  },
  {
    name: "the app's own QStash helper (as dub's verifyQstashSignature), in a wrapped handler",
    path: 'app/api/hubspot/webhook/process/route.ts',
    code: code`
      import { verifyQstashSignature } from '@/lib/cron/verify-qstash'
      export const POST = withAxiom(async (request: Request) => {
        const rawBody = await request.text()
        await verifyQstashSignature({ req: request, rawBody })
        await captureWebhookLog(rawBody)
        return Response.json({ ok: true })
      })
    `,
    errors: ['blocking-side-effect@5:3'],
    severity: 'info',
    messageIncludes: ["`verifyQstashSignature` verifies the queue's signature"],
  },
];

const stillWarnings: InvalidCase[] = [
  {
    name: 'a webhook stays a warning: its sender times out and retries',
    path: 'app/api/webhooks/stripe/route.ts',
    code: code`
      import Stripe from 'stripe'
      const stripe = new Stripe('sk')
      export async function POST(request: Request) {
        const event = stripe.webhooks.constructEvent(await request.text(), request.headers.get('stripe-signature')!, 'whsec')
        await logWebhookEvent(event.type)
        return Response.json({ received: true })
      }
    `,
    errors: ['blocking-side-effect@5:3'],
    severity: 'warning',
    messageIncludes: ['the client waits for `logWebhookEvent`'],
  },
  {
    name: 'verifySignatureAppRouter makes only the handler it wraps a queued job, not another method of the file',
    path: 'app/api/queue/process/route.ts',
    code: code`
      import { verifySignatureAppRouter } from '@upstash/qstash/nextjs'
      async function handler(request: Request) {
        return Response.json(await request.json())
      }
      export const POST = verifySignatureAppRouter(handler)
      export async function GET() {
        await logStatusCheck()
        return Response.json({ ok: true })
      }
    `,
    errors: ['blocking-side-effect@7:3'],
    severity: 'warning',
  },
  {
    name: "a webhook's own signature helper is not a queue's",
    path: 'app/api/paypal/webhook/route.ts',
    code: job('  await verifyWebhookSignature(request)\n  await verifySignature(request)\n  await trackDelivery(1)'),
    errors: ['blocking-side-effect@4:3'],
    severity: 'warning',
  },
  {
    name: "a Receiver that is not QStash's",
    path: 'app/api/inbox/route.ts',
    code: job('  await receiver.verify(request)\n  await logDelivery(1)', "import { Receiver } from '@/lib/mail'\nconst receiver = new Receiver()\n"),
    errors: ['blocking-side-effect@5:3'],
    severity: 'warning',
  },
  {
    name: 'vercel.json lists another path; a route group named (cron) is no cron folder',
    path: 'app/(cron)/api/sync/route.ts',
    cronPaths: ['/api/sync/daily', '/api'],
    code: job('  await logSync(1)'),
    errors: ['blocking-side-effect@2:3'],
    severity: 'warning',
  },
  {
    name: 'a cron folder makes only Route Handlers background jobs, not a Server Action beside them',
    path: 'app/cron/actions.ts',
    code: "'use server'\nexport async function rerun() {\n  await logRerun()\n}\n",
    errors: ['blocking-side-effect@3:3'],
    severity: 'warning',
  },
];

ruleTable('blocking-side-effect', { valid: [], invalid: [...background, ...stillWarnings] });
