import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixAll } from '../../../server/src/analysis';
import { code } from '../rules/ruleTester';
import { newTypeDiagnostics, typeDiagnostics } from '../../support/typeCheck';

test('fix-all: fixes of one pass never declare the same name twice in a block; the next pass picks another', () => {
  const page = code`
    import { after } from 'next/server'
    import { headers } from 'next/headers'

    declare function logView(data: { agent: string | null; at: number }): Promise<void>

    export default async function Page() {
      after(async () => {
        await logView({ agent: (await headers()).get('user-agent'), at: 1 })
      })
      after(async () => {
        await logView({ agent: (await headers()).get('referer'), at: 2 })
      })
      await logView({ agent: null, at: Date.now() })
      await logView({ agent: 'x', at: Date.now() })
      return <main />
    }
  `;
  const result = fixAll({ text: page, appRelativePath: 'app/page.tsx', nextVersion: '15.3.0' });
  assert.equal(
    result.output,
    code`
      import { after } from 'next/server'
      import { headers } from 'next/headers'

      declare function logView(data: { agent: string | null; at: number }): Promise<void>

      export default async function Page() {
        const headersList = await headers()
        after(async () => {
          await logView({ agent: headersList.get('user-agent'), at: 1 })
        })
        const headersList2 = await headers()
        after(async () => {
          await logView({ agent: headersList2.get('referer'), at: 2 })
        })
        const at = Date.now()
        after(async () => {
          await logView({ agent: null, at })
        })
        const now = Date.now()
        after(async () => {
          await logView({ agent: 'x', at: now })
        })
        return <main />
      }
    `,
  );
  assert.deepEqual(result.remaining, []);
  assert.deepEqual(typeDiagnostics('app/page.tsx', page), []);
  assert.deepEqual(newTypeDiagnostics('app/page.tsx', page, result.output), []);
});

test('fix-all: the same name in sibling blocks is no clash, so both keep the best name', () => {
  const route = code`
    declare function logRequest(data: { duration: number; ok: boolean }): Promise<void>

    export async function POST(request: Request) {
      const started = Date.now()
      try {
        await request.json()
        await logRequest({ duration: Date.now() - started, ok: true })
      } catch {
        await logRequest({ duration: Date.now() - started, ok: false })
      }
      return Response.json({ ok: true })
    }
  `;
  const { output } = fixAll({ text: route, appRelativePath: 'app/api/x/route.ts', nextVersion: '15.3.0' });
  assert.equal((output.match(/const duration = Date\.now\(\) - started/g) ?? []).length, 2, output);
  assert.deepEqual(newTypeDiagnostics('app/api/x/route.ts', route, output), []);
});
