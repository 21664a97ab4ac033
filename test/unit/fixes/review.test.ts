import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeFile, fixAll, isAutomaticFix } from '../../../server/src/analysis';
import { code, ruleTable, type InvalidCase } from '../rules/ruleTester';

/**
 * A deferring fix that cannot prove the values it moves unchanged is still offered, with a title
 * that says what to check, and `review` set: fix-all (on save, `--fix`) never applies it. Each case
 * also goes through the table's round trip (it parses, clears its finding, adds no other finding
 * and no TypeScript diagnostic).
 */
interface ReviewCase extends InvalidCase {
  rule: string;
  /** What the review sentence must say. */
  review: RegExp;
}

const ROUTE = 'app/api/orders/route.ts';

const cases: ReviewCase[] = [
  {
    name: 'an object the function changes later is passed whole',
    rule: 'blocking-side-effect',
    review: /`order` reads an object this function changes later/,
    path: ROUTE,
    code: code`
      type Order = { id: string; status: string }
      declare function createOrder(body: unknown): Promise<Order>
      declare function auditOrder(order: Order): Promise<void>

      export async function POST(request: Request) {
        const order = await createOrder(await request.json())
        await auditOrder(order)
        order.status = 'confirmed'
        return Response.json(order)
      }
    `,
    errors: ['blocking-side-effect@7:3'],
  },
  {
    name: 'the moved code assigns a binding the function reads later',
    rule: 'blocking-side-effect',
    review: /^The moved code changes `attempt`, and the rest of this function would no longer see the change\.$/,
    path: ROUTE,
    code: code`
      declare function logAttempt(attempt: number): Promise<void>

      export async function POST() {
        let attempt = 0
        await logAttempt(attempt++)
        return Response.json({ attempt })
      }
    `,
    errors: ['blocking-side-effect@5:3'],
  },
  {
    name: 'the clock read in a callback of the moved code, once per item',
    rule: 'after-non-callback',
    review: /`Date\.now\(\)` in a callback of the moved code would read the clock once the response is sent/,
    path: ROUTE,
    code: code`
      import { after } from 'next/server'

      declare function logItems(items: { name: string; at: number }[]): Promise<void>

      export async function POST() {
        const names = ['a', 'b']
        after(logItems(names.map((name) => ({ name, at: Date.now() }))))
        return Response.json({ ok: true })
      }
    `,
    errors: ['after-non-callback@7:9'],
  },
  {
    name: 'no statement in a block to read the values before',
    rule: 'prefer-after-over-waituntil',
    review: /there is no statement to read them before/,
    path: ROUTE,
    code: code`
      import { waitUntil } from '@vercel/functions'

      declare function sendAnalytics(data: { attempt: number }): Promise<void>

      export async function POST(request: Request) {
        let attempt = 1
        if (request.method === 'POST') waitUntil(sendAnalytics({ attempt }))
        attempt = 2
        return Response.json({ attempt })
      }
    `,
    errors: ['prefer-after-over-waituntil@7:34'],
  },
  {
    name: 'an array pushed to later is passed whole',
    rule: 'floating-side-effect',
    review: /`items` reads an object this function changes later/,
    path: ROUTE,
    code: code`
      declare function logItems(items: string[]): Promise<void>

      export async function POST() {
        const items = ['a']
        void logItems(items)
        items.push('b')
        return Response.json({ count: items.length })
      }
    `,
    errors: ['floating-side-effect@5:8'],
  },
];

for (const { rule, review: _review, ...testCase } of cases) ruleTable(rule, { valid: [], invalid: [testCase] });

describe('fixes that need a review', () => {
  for (const testCase of cases) {
    test(testCase.name!, () => {
      const input = { text: testCase.code, appRelativePath: testCase.path, nextVersion: '15.3.0' };
      const [finding, ...others] = analyzeFile(input).findings.filter((f) => f.rule === testCase.rule);
      assert.equal(others.length, 0);
      const fix = finding?.fix;
      assert.ok(fix?.review, 'the fix is offered and asks for a review');
      assert.match(fix.review, testCase.review);
      assert.match(fix.review, /^[A-Z`].*\.$/, 'one sentence');
      assert.ok(fix.title.endsWith(`(review: ${fix.review.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase())})`), fix.title);
      assert.equal(isAutomaticFix(fix), false);
      const fixed = fixAll(input);
      assert.equal(fixed.output, testCase.code, 'fix-all leaves it');
      assert.ok(fixed.remaining.some((f) => f.rule === testCase.rule), 'and it is still reported');
    });
  }
});
