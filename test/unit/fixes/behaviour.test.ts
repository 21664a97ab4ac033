import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeFile, fixAll } from '../../../server/src/analysis';
import { code } from '../rules/ruleTester';
import { runHandler, withoutCaptures, type HandlerOptions } from '../../support/runHandler';
import { newTypeDiagnostics, typeDiagnostics } from '../../support/typeCheck';

/**
 * Moving work into after() changes when it runs and nothing else: per capture case, the original
 * handler and the fixed one, run with after() queuing its callbacks until the response is returned,
 * log the same values. The same fix without its captures logs different ones, so each case shows
 * the capture it is about is needed (and that this test would catch its absence).
 */
interface BehaviourCase extends HandlerOptions {
  name: string;
  rule: string;
  path: string;
  code: string;
}

const ROUTE = 'app/api/webhook/route.ts';

const cases: BehaviourCase[] = [
  {
    name: 'a narrowed let set to null after the statement (the issue\'s webhook), and the duration',
    rule: 'prefer-after-over-waituntil',
    path: ROUTE,
    returns: { findWorkspace: () => ({ id: 'w1' }) },
    exportName: 'GET',
    code: code`
      import { waitUntil } from '@vercel/functions'

      type Workspace = { id: string }
      declare function findWorkspace(app: string | null): Promise<Workspace | null>
      declare function captureWebhookLog(entry: { workspaceId: string; duration: number; responseBody: string }): Promise<void>

      export async function GET(request: Request) {
        const startTime = Date.now()
        let workspace: Workspace | null = null
        let response = 'ok'
        workspace = await findWorkspace(new URL(request.url).searchParams.get('app'))
        if (!workspace) return new Response('not found', { status: 404 })
        if (request.headers.has('x-sale')) response = 'sale tracked'
        waitUntil(captureWebhookLog({ workspaceId: workspace.id, duration: Date.now() - startTime, responseBody: response }))
        workspace = null
        response = 'done'
        return new Response(response)
      }
    `,
  },
  {
    name: 'Server Component: a let read and assigned after the statement',
    rule: 'blocking-side-effect',
    path: 'app/page.tsx',
    exportName: 'default',
    render: true,
    returns: { countVisits: () => 41 },
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
  },
  {
    name: 'a property the handler changes after the statement',
    rule: 'blocking-side-effect',
    path: 'app/api/orders/route.ts',
    returns: { createOrder: () => ({ id: 'o1', status: 'new', items: ['a'] }) },
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
  },
  {
    name: 'a property narrowed by a check, cleared later',
    rule: 'blocking-side-effect',
    path: 'app/api/partners/route.ts',
    returns: { getPartner: () => ({ email: 'p@example.com', name: 'P' }) },
    code: code`
      type Partner = { email: string | null; name: string }
      declare function getPartner(url: string): Promise<Partner>
      declare function sendPartnerEmail(data: { to: string; name: string }): Promise<void>

      export async function POST(request: Request) {
        const partner = await getPartner(request.url)
        if (partner.email) {
          await sendPartnerEmail({ to: partner.email, name: partner.name })
        }
        partner.email = null
        return Response.json(partner)
      }
    `,
  },
  {
    name: 'new Date(), performance.now() and the clock in arithmetic',
    rule: 'blocking-side-effect',
    path: ROUTE,
    code: code`
      declare function logRequest(data: { at: Date; took: number; deadline: number }): Promise<void>
      declare function work(): Promise<void>

      export async function POST() {
        const started = performance.now()
        await work()
        await logRequest({ at: new Date(), took: performance.now() - started, deadline: Date.now() + 5000 })
        return Response.json({ ok: true })
      }
    `,
  },
  {
    name: 'Math.random() and crypto.randomUUID(), with more drawn after the statement',
    rule: 'floating-side-effect',
    path: ROUTE,
    code: code`
      declare function trackSample(data: { sample: number; requestId: string }): Promise<void>

      export async function POST() {
        void trackSample({ sample: Math.random(), requestId: crypto.randomUUID() })
        return Response.json({ next: Math.random(), id: crypto.randomUUID() })
      }
    `,
  },
  {
    name: 'a call passed to after(): a let assigned after it',
    rule: 'after-non-callback',
    path: ROUTE,
    code: code`
      import { after } from 'next/server'

      declare function logAttempt(data: { attempt: number }): Promise<void>

      export async function POST() {
        let attempt = 1
        after(logAttempt({ attempt }))
        attempt = 2
        return Response.json({ attempt })
      }
    `,
  },
  {
    name: 'Server Component: headers() read in the moved statement',
    rule: 'blocking-side-effect',
    path: 'app/page.tsx',
    exportName: 'default',
    render: true,
    code: code`
      import { headers } from 'next/headers'

      declare function logPageView(data: { agent: string | null }): Promise<void>

      export default async function Page() {
        await logPageView({ agent: (await headers()).get('user-agent') })
        return <main />
      }
    `,
  },
  {
    name: 'a parameter assigned after the statement',
    rule: 'blocking-side-effect',
    path: 'app/actions.ts',
    exportName: 'save',
    input: '  Draft title ',
    code: code`
      'use server'

      declare function auditSave(data: { title: string }): Promise<void>

      export async function save(title: string) {
        await auditSave({ title })
        title = title.trim()
        return title
      }
    `,
  },
];

describe('fixes keep behaviour: the same values are logged, only later', () => {
  for (const testCase of cases) {
    test(testCase.name, async () => {
      const input = { text: testCase.code, appRelativePath: testCase.path, nextVersion: '15.3.0' };
      const findings = analyzeFile(input).findings.filter((finding) => finding.rule === testCase.rule);
      assert.ok(findings.length > 0 && findings.every((finding) => finding.fix && !finding.fix.review), 'an automatic fix of the rule');
      const fixed = fixAll(input, (finding) => finding.rule === testCase.rule).output;
      assert.deepEqual(typeDiagnostics(testCase.path, testCase.code), [], 'the original type-checks');
      assert.deepEqual(newTypeDiagnostics(testCase.path, testCase.code, fixed), [], `the fixed code type-checks:\n${fixed}`);

      const original = await runHandler(testCase.path, testCase.code, testCase);
      const after = await runHandler(testCase.path, fixed, testCase);
      assert.ok(original.logged.length > 0, 'the original logs something');
      assert.deepEqual(after.logged, original.logged, `the fixed handler logs the same values:\n${fixed}`);
      assert.equal(after.response, original.response, 'and responds the same');

      const naive = withoutCaptures(testCase.path, testCase.code, fixed);
      assert.notEqual(naive, fixed, 'the fix captured something');
      const uncaptured = await runHandler(testCase.path, naive, testCase);
      assert.notDeepEqual(uncaptured.logged, original.logged, `without its captures the fix would log other values:\n${naive}`);
    });
  }
});
