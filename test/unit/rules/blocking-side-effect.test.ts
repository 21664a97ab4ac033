import { code, ruleTable, type InvalidCase, type RuleCase } from './ruleTester';

/** A Route Handler whose body is `body`, after the given imports. */
const route = (body: string, imports = ''): string => `${imports}export async function POST(request: Request) {\n${body}\n  return Response.json({ ok: true })\n}\n`;
const ROUTE = 'app/api/x/route.ts';

const valid: RuleCase[] = [
  { name: 'the seed "Correct" version', path: ROUTE, code: code`
    import { after } from 'next/server'
    import { headers } from 'next/headers'
    export async function POST(request: Request) {
      const body = await request.json()
      after(async () => {
        const userAgent = (await headers()).get('user-agent') || 'unknown'
        logUserAction({ userAgent })
      })
      return Response.json({ ok: true })
    }
  ` },
  { name: 'database write', path: ROUTE, code: route('  await db.insert(users).values(body)') },
  { name: 'prisma create', path: ROUTE, code: route('  await prisma.user.create({ data: body })') },
  { name: 'save verb', path: ROUTE, code: route('  await saveAuditEntry(body)') },
  { name: 'payment', path: ROUTE, code: route('  await stripe.charges.create({ amount: 100 })') },
  { name: 'charge verb', path: ROUTE, code: route('  await chargeCustomer(id)') },
  { name: 'auth: signIn', path: ROUTE, code: route("  await signIn('credentials', body)") },
  { name: 'login is not log', path: ROUTE, code: route('  await login(body)') },
  { name: 'OTP email is the point of the request', path: ROUTE, code: route('  await sendOtpEmail(body.email)') },
  { name: 'password reset email', path: ROUTE, code: route('  await sendPasswordResetEmail(body.email)') },
  { name: 'magic link email', path: ROUTE, code: route('  await sendMagicLinkEmail(body.email)') },
  { name: 'invite email', path: ROUTE, code: route('  await sendInviteEmail(body.email)') },
  { name: 'queue publish', path: ROUTE, code: route("  await qstash.publishJSON({ url: '/api/job', body })") },
  { name: 'publish verb', path: ROUTE, code: route("  await publishEvent('signup', body)") },
  { name: 'inngest.send is a job trigger', path: ROUTE, code: route("  await inngest.send({ name: 'user/signup', data: body })") },
  { name: 'SQS sendMessage', path: ROUTE, code: route('  await sqs.sendMessage({ QueueUrl: url, MessageBody: body })') },
  { name: 'queue add', path: ROUTE, code: route("  await emailQueue.add('welcome', body)") },
  { name: 'job trigger', path: ROUTE, code: route("  await tasks.trigger('report', body)") },
  { name: 'result used', path: ROUTE, code: route('  const result = await trackSignup(body)\n  if (!result.ok) throw new Error()') },
  { name: 'result returned', path: ROUTE, code: `export async function POST() {\n  return await logRequest()\n}\n` },
  { name: 'already inside after', path: ROUTE, code: route('  after(async () => { await logUserAction(body) })', "import { after } from 'next/server'\n") },
  { name: 'inside waitUntil', path: ROUTE, code: route('  waitUntil((async () => { await trackSignup() })())', "import { waitUntil } from '@vercel/functions'\n") },
  { name: 'not a request module', path: 'lib/audit.ts', code: 'export async function auditAll() {\n  await logUserAction({})\n}\n' },
  { name: 'a non-exported function of a "use server" module that no action awaits is not a request scope', path: 'app/actions.ts', code: "'use server'\nasync function internal() {\n  await logUserAction({})\n}\nexport async function save() { void internal() }\n" },
  { name: 'a sync function declared here that returns void', path: ROUTE, code: route('  await trackSync(body)', 'function trackSync(value: unknown): void { console.log(value) }\n') },
  { name: 'Next 14: no after() to move into', path: ROUTE, nextVersion: '14.2.3', code: route('  await logUserAction(body)') },
  { name: 'excluded by settings', path: ROUTE, settings: { sideEffects: { exclude: ['logUserAction'] } }, code: route('  await logUserAction(body)') },
  { name: 'excluded by a member glob', path: ROUTE, settings: { sideEffects: { exclude: ['analytics.*'] } }, code: route("  await analytics.track('x')") },
  { name: 'Promise.all mixing a side effect with other work', path: ROUTE, code: route('  await Promise.all([logUserAction(body), db.user.update(body)])') },
  { name: 'inside a nested callback, not the handler body', path: ROUTE, code: route('  items.forEach(async (item) => { await trackItem(item) })') },
  { name: 'posthog capture in a client component is not a request scope', path: 'components/x.tsx', code: "'use client'\nexport function X() { return <button onClick={async () => { await trackClick() }} /> }\n" },
  { name: 'cleanup is the job, not a side effect: cleanupPartners, cleanupTempFiles, cleanup', path: ROUTE, code: route("  await cleanupPartners(body.programId)\n  await cleanupTempFiles()\n  await storage.cleanup('/tmp')") },
  { name: 'Pages Router API route', path: 'pages/api/x.ts', code: 'export default async function handler() {\n  await logUserAction({})\n}\n' },
];

const invalid: InvalidCase[] = [
  {
    name: 'the seed "Incorrect" Route Handler: exactly one finding, the fix moves userAgent along',
    path: ROUTE,
    nextVersion: '15.1.0',
    code: code`
      import { headers } from 'next/headers'
      export async function POST(request: Request) {
        const body = await request.json()
        const headersList = await headers()
        const userAgent = headersList.get('user-agent')
        await logUserAction({ userAgent, action: body.action })
        return Response.json({ ok: true })
      }
    `,
    errors: ['blocking-side-effect@6:3'],
    messageIncludes: ['logging call', 'Route Handler (app/api/x/route.ts)', 'nextAfterLint.sideEffects.exclude'],
    output: code`
      import { headers } from 'next/headers'
      import { after } from 'next/server'
      export async function POST(request: Request) {
        const body = await request.json()
        after(async () => {
          const headersList = await headers()
          const userAgent = headersList.get('user-agent')
          await logUserAction({ userAgent, action: body.action })
        })
        return Response.json({ ok: true })
      }
    `,
  },
  {
    name: 'Vercel analytics track, merged into an existing next/server import, semicolons kept',
    path: ROUTE,
    code: code`
      import { NextResponse } from 'next/server';
      import { track } from '@vercel/analytics/server';
      export async function POST() {
        await track('signup', { plan: 'pro' });
        return NextResponse.json({});
      }
    `,
    errors: ['blocking-side-effect@4:3'],
    messageIncludes: ['analytics call'],
    output: code`
      import { NextResponse, after } from 'next/server';
      import { track } from '@vercel/analytics/server';
      export async function POST() {
        after(async () => {
          await track('signup', { plan: 'pro' });
        });
        return NextResponse.json({});
      }
    `,
  },
  { name: 'posthog-node client capture', path: ROUTE, code: route("  await posthog.capture({ distinctId: 'u', event: 'signup' })", "import { PostHog } from 'posthog-node'\nconst posthog = new PostHog('key')\n"), errors: ['blocking-side-effect@4:3'] },
  { name: 'posthog flush and shutdown', path: ROUTE, code: route('  await client.flush()\n  await client.shutdown()', "import { PostHog } from 'posthog-node'\nconst client = new PostHog('key')\n"), errors: ['blocking-side-effect@4:3', 'blocking-side-effect@5:3'] },
  { name: 'segment identify and closeAndFlush', path: ROUTE, code: route("  await analytics.identify({ userId: '1' })\n  await analytics.closeAndFlush()", "import { Analytics } from '@segment/analytics-node'\nconst analytics = new Analytics({ writeKey: 'k' })\n"), errors: ['blocking-side-effect@4:3', 'blocking-side-effect@5:3'] },
  { name: 'mixpanel people.set', path: ROUTE, code: route("  await mixpanel.people.set('1', { plan: 'pro' })", "import Mixpanel from 'mixpanel'\nconst mixpanel = Mixpanel.init('token')\n"), errors: ['blocking-side-effect@4:3'] },
  { name: 'resend emails.send is a notification: info', path: ROUTE, code: route("  await resend.emails.send({ to: 'a@b.c', subject: 'Thanks', html: '' })", "import { Resend } from 'resend'\nconst resend = new Resend('key')\n"), errors: ['blocking-side-effect@4:3'], severity: 'info' },
  { name: 'nodemailer sendMail: info', path: ROUTE, code: route('  await transporter.sendMail({ to: body.email })', "import nodemailer from 'nodemailer'\nconst transporter = nodemailer.createTransport({})\n"), errors: ['blocking-side-effect@4:3'], severity: 'info' },
  { name: 'Slack chat.postMessage: info', path: ROUTE, code: route("  await slack.chat.postMessage({ channel: '#sales', text: 'New order' })", "import { WebClient } from '@slack/web-api'\nconst slack = new WebClient('t')\n"), errors: ['blocking-side-effect@4:3'], severity: 'info' },
  { name: 'Sentry flush, and captureException when awaited', path: ROUTE, code: route('  await Sentry.captureException(new Error())\n  await Sentry.flush(2000)', "import * as Sentry from '@sentry/nextjs'\n"), errors: ['blocking-side-effect@3:3', 'blocking-side-effect@4:3'] },
  { name: 'pino logger flush', path: ROUTE, code: route('  await logger.flush()', "import pino from 'pino'\nconst logger = pino()\n"), errors: ['blocking-side-effect@4:3'] },
  { name: 'winston logger flush', path: ROUTE, code: route('  await logger.flush()', "import winston from 'winston'\nconst logger = winston.createLogger({})\n"), errors: ['blocking-side-effect@4:3'] },
  { name: '@axiomhq logger flush', path: ROUTE, code: route('  await axiom.flush()', "import { Axiom } from '@axiomhq/js'\nconst axiom = new Axiom({ token: 't' })\n"), errors: ['blocking-side-effect@4:3'] },
  { name: 'axiom logger flush', path: ROUTE, code: route('  await log.flush()', "import { Logger } from 'next-axiom'\nconst log = new Logger()\n"), errors: ['blocking-side-effect@4:3'] },
  { name: 'verb family: log, audit, track, record, report', path: ROUTE, code: route('  await logEvent(1)\n  await auditLogin(1)\n  await trackPurchase(1)\n  await recordVisit(1)\n  await reportError(1)'), errors: ['blocking-side-effect@2:3', 'blocking-side-effect@4:3', 'blocking-side-effect@5:3', 'blocking-side-effect@6:3'] },
  { name: 'verb family: notify, alert (info), capture, emit, ping, beacon', path: ROUTE, code: route('  await captureMetric(1)\n  await emitEvent(1)\n  await pingHealth(1)\n  await beaconHit(1)'), errors: ['blocking-side-effect@2:3', 'blocking-side-effect@3:3', 'blocking-side-effect@4:3', 'blocking-side-effect@5:3'] },
  { name: 'notify and alert are notifications: info', path: ROUTE, code: route('  await notifyAdmins(body)\n  await alertOnCall(body)'), errors: ['blocking-side-effect@2:3', 'blocking-side-effect@3:3'], severity: 'info' },
  { name: 'verb family: invalidate, purge, warm', path: ROUTE, code: route("  await invalidateCdn('/x')\n  await purgeCache('/x')\n  await warmCache('/x')"), errors: ['blocking-side-effect@2:3', 'blocking-side-effect@3:3', 'blocking-side-effect@4:3'] },
  { name: 'send...Email by camelCase words: sendDomainTransferredEmail is a notification', path: ROUTE, code: route('  await sendDomainTransferredEmail(body.domain)'), errors: ['blocking-side-effect@2:3'], severity: 'info', messageIncludes: ['notification call'] },
  { name: 'send...Event and send...Metric are analytics', path: ROUTE, code: route('  await sendSignupEvent(body)\n  await sendLatencyMetric(12)'), errors: ['blocking-side-effect@2:3', 'blocking-side-effect@3:3'], severity: 'warning' },
  { name: 'member call with a verb: logger.log', path: ROUTE, code: route("  await logger.log('x')"), errors: ['blocking-side-effect@2:3'] },
  { name: 'view counter with prisma', path: 'app/blog/[slug]/page.tsx', code: code`
    export default async function Post({ params }: { params: Promise<{ slug: string }> }) {
      const { slug } = await params
      await prisma.post.update({ where: { slug }, data: { views: { increment: 1 } } })
      return <article />
    }
  `, errors: ['blocking-side-effect@3:3'], messageIncludes: ['analytics call', 'Server Component (app/blog/[slug]/page.tsx)'] },
  { name: 'view counter with redis.incr', path: ROUTE, code: route('  await redis.incr(`views:${body.id}`)'), errors: ['blocking-side-effect@2:3'] },
  { name: 'a database update of other fields is not a counter', path: ROUTE, code: route('  await prisma.post.update({ where: { id: 1 }, data: { views: { increment: 1 }, title: body.title } })\n  await logVisit(1)'), errors: ['blocking-side-effect@3:3'] },
  { name: 'Promise.all of side effects only', path: ROUTE, code: route('  await Promise.all([trackSignup(body), logUserAction(body)])'), errors: ['blocking-side-effect@2:3'] },
  { name: 'Promise.allSettled', path: ROUTE, code: route('  await Promise.allSettled([notifySlack(body), sendWelcomeEmail(body)])'), errors: ['blocking-side-effect@2:3'], severity: 'info' },
  { name: 'inside if, try, catch and a loop of the handler body', path: ROUTE, code: route('  if (body.admin) {\n    await auditAccess(body)\n  }\n  try {\n    await trackAttempt(body)\n  } catch (error) {\n    await reportError(error)\n  }\n  for (const item of body.items) await logItem(item)'), errors: ['blocking-side-effect@3:5', 'blocking-side-effect@6:5', 'blocking-side-effect@8:5', 'blocking-side-effect@10:34'] },
  { name: 'include setting makes any callee a side effect', path: ROUTE, settings: { sideEffects: { include: ['myMetrics.*'] } }, code: route("  await myMetrics.increment('signup')"), errors: ['blocking-side-effect@2:3'] },
  { name: 'include beats the never-report list', path: ROUTE, settings: { sideEffects: { include: ['db.auditLog.create'] } }, code: route('  await db.auditLog.create({ data: body })'), errors: ['blocking-side-effect@2:3'] },
  { name: 'Server Action module, exported async function', path: 'app/actions.ts', code: "'use server'\nexport async function save(form: FormData) {\n  await db.save(form)\n  await trackSave(form)\n}\n", errors: ['blocking-side-effect@4:3'], messageIncludes: ['Server Action (app/actions.ts)'] },
  { name: 'safe-action style action', path: 'app/actions.ts', code: "'use server'\nexport const save = actionClient.schema(s).action(async ({ parsedInput }) => {\n  await logUserAction(parsedInput)\n})\n", errors: ['blocking-side-effect@3:3'] },
  { name: 'wrapped Route Handler', path: ROUTE, code: 'export const POST = withAuth(async (req: Request) => {\n  await logRequest(req)\n  return new Response()\n})\n', errors: ['blocking-side-effect@2:3'] },
  { name: 'Next 16 proxy', path: 'proxy.ts', code: "import { NextResponse } from 'next/server'\nexport async function proxy() {\n  await logVisit()\n  return NextResponse.next()\n}\n", errors: ['blocking-side-effect@3:3'] },
  {
    name: 'Server Component: request reads stay outside and their values are captured',
    path: 'app/page.tsx',
    code: code`
      import { headers } from 'next/headers'
      export default async function Page() {
        const headersList = await headers()
        const userAgent = headersList.get('user-agent')
        await logPageView({ userAgent })
        return <main />
      }
    `,
    errors: ['blocking-side-effect@5:3'],
    output: code`
      import { headers } from 'next/headers'
      import { after } from 'next/server'
      export default async function Page() {
        const headersList = await headers()
        after(async () => {
          const userAgent = headersList.get('user-agent')
          await logPageView({ userAgent })
        })
        return <main />
      }
    `,
  },
  {
    name: 'Next 15.0 uses unstable_after and says so',
    path: ROUTE,
    nextVersion: '15.0.3',
    code: route('  await logUserAction(body)'),
    errors: ['blocking-side-effect@2:3'],
    messageIncludes: ['experimental.after'],
    output: `import { unstable_after } from 'next/server'\nexport async function POST(request: Request) {\n  unstable_after(async () => {\n    await logUserAction(body)\n  })\n  return Response.json({ ok: true })\n}\n`,
  },
  {
    name: 'CRLF, comments and a "use server" directive are kept',
    path: 'app/actions.ts',
    code: "'use server';\r\n\r\nexport async function save() {\r\n  // record the save\r\n  await trackSave();\r\n}\r\n",
    errors: ['blocking-side-effect@5:3'],
    output: "'use server';\r\nimport { after } from 'next/server';\r\n\r\nexport async function save() {\r\n  // record the save\r\n  after(async () => {\r\n    await trackSave();\r\n  });\r\n}\r\n",
  },
];

ruleTable('blocking-side-effect', { valid, invalid });
