import { ruleTable } from './ruleTester';

const route = (body: string, head = ''): string => `${head}export async function POST(request: Request) {\n${body}\n  return Response.json({ ok: true })\n}\n`;
const ROUTE = 'app/api/x/route.ts';
const ASYNC_TRACK = 'async function trackSignup(data?: unknown) {}\n';

ruleTable('floating-side-effect', {
  valid: [
    { name: 'awaited (the blocking rule speaks instead)', path: ROUTE, code: route('  await trackSignup()', ASYNC_TRACK) },
    { name: 'returned', path: ROUTE, code: `${ASYNC_TRACK}export async function POST() {\n  return trackSignup()\n}\n` },
    { name: 'no evidence of a promise', path: ROUTE, code: route('  trackSignup()') },
    { name: 'sync function returning void', path: ROUTE, code: route('  trackSync()', 'function trackSync(): void {}\n') },
    { name: 'inside after', path: ROUTE, code: route('  after(() => { void trackSignup() })', `import { after } from 'next/server'\n${ASYNC_TRACK}`) },
    { name: 'inside waitUntil', path: ROUTE, code: route('  waitUntil(trackSignup())', `import { waitUntil } from '@vercel/functions'\n${ASYNC_TRACK}`) },
    { name: 'not a side effect', path: ROUTE, code: route('  void refreshToken()', 'async function refreshToken() {}\n') },
    { name: 'queue publish fire-and-forget', path: ROUTE, code: route('  void publishJob()', 'async function publishJob() {}\n') },
    { name: 'helper in lib', path: 'lib/x.ts', code: `${ASYNC_TRACK}export function f() { void trackSignup() }\n` },
    { name: 'Next 14', path: ROUTE, nextVersion: '14.2.0', code: route('  void trackSignup()', ASYNC_TRACK) },
    { name: 'excluded', path: ROUTE, settings: { sideEffects: { exclude: ['trackSignup'] } }, code: route('  void trackSignup()', ASYNC_TRACK) },
  ],
  invalid: [
    {
      name: 'an async function declared here',
      path: ROUTE,
      code: route('  trackSignup(request)', ASYNC_TRACK),
      errors: ['floating-side-effect@3:3'],
      output: route('  after(() => trackSignup(request))', `${ASYNC_TRACK.trimEnd()}\nimport { after } from 'next/server'\n`).replace(`${ASYNC_TRACK.trimEnd()}\nimport { after } from 'next/server'\n`, `import { after } from 'next/server'\n${ASYNC_TRACK}`),
    },
    { name: 'void before it, the fix drops void', path: ROUTE, code: route('  void logRequest(request)', "import { after } from 'next/server'\n"), errors: ['floating-side-effect@3:8'], output: route('  after(() => logRequest(request))', "import { after } from 'next/server'\n") },
    { name: '.catch chained on it', path: ROUTE, code: route('  notifySlack(request).catch(console.error)'), errors: ['floating-side-effect@2:3'], severity: 'info' },
    { name: '.then chained on it', path: ROUTE, code: route('  trackView().then(() => {})'), errors: ['floating-side-effect@2:3'] },
    { name: 'a Promise return type', path: ROUTE, code: route('  auditLog(1)', 'const auditLog = (id: number): Promise<void> => fetch(`/a/${id}`).then(() => {})\n'), errors: ['floating-side-effect@3:3'] },
    { name: 'catalogue says Vercel track returns a promise', path: ROUTE, code: route("  track('signup')", "import { track } from '@vercel/analytics/server'\n"), errors: ['floating-side-effect@3:3'] },
    { name: 'Resend emails.send: info', path: ROUTE, code: route("  resend.emails.send({ to: 'a@b.c' })", "import { Resend } from 'resend'\nconst resend = new Resend('k')\n"), errors: ['floating-side-effect@4:3'], severity: 'info' },
    { name: 'in a Server Component', path: 'app/page.tsx', code: `${ASYNC_TRACK}export default async function Page() {\n  void trackSignup()\n  return <main />\n}\n`, errors: ['floating-side-effect@3:8'] },
    { name: 'in a Server Action', path: 'app/actions.ts', code: `'use server'\n${ASYNC_TRACK}export async function save() {\n  trackSignup()\n}\n`, errors: ['floating-side-effect@4:3'] },
    { name: 'include setting', path: ROUTE, settings: { sideEffects: { include: ['metrics.*'] } }, code: route("  void metrics.increment('x')"), errors: ['floating-side-effect@2:8'] },
  ],
});
