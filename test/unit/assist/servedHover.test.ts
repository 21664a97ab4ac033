import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { afterHoverAt, analyzeFile, ruleById } from '../../../server/src/analysis';
import { caseAppRoot, code, inputOf, type RuleCase } from '../rules/ruleTester';
import { withCursor } from './cursor';

const PROCEDURE = code`
  import { after } from 'next/server'
  import { headers } from 'next/headers'
  import { createTRPCRouter, publicProcedure } from '../trpc'
  export const monitorRouter = createTRPCRouter({
    createMonitor: publicProcedure.mutation(async () => {
      await logMonitorRequest()
      af‸ter(async () => {
        const agent = (await headers()).get('user-agent')
        await trackMonitorCreated(agent)
      })
      return { ok: true }
    }),
  })
`;
const FILES = {
  'server/trpc.ts': "import { initTRPC } from '@trpc/server'\nconst t = initTRPC.create()\nexport const createTRPCRouter = t.router\nexport const publicProcedure = t.procedure\n",
  'server/root.ts': "import { createTRPCRouter } from './trpc'\nimport { monitorRouter } from './routers/monitor'\nexport const appRouter = createTRPCRouter({ monitor: monitorRouter })\n",
  'app/api/trpc/[trpc]/route.ts': "import { fetchRequestHandler } from '@trpc/server/adapters/fetch'\nimport { appRouter } from '../../../../server/root'\nconst handler = (req: Request) => fetchRequestHandler({ endpoint: '/api/trpc', req, router: appRouter })\nexport { handler as GET, handler as POST }\n",
};

describe('after() inside a router handler', () => {
  const { text, offset } = withCursor(PROCEDURE);
  const testCase: RuleCase = { path: 'server/routers/monitor.ts', code: text, files: FILES };

  test("the hover says the callback runs after the Route Handler's response, naming the route file", () => {
    const analysed = analyzeFile(inputOf(testCase, text));
    assert.ok(analysed.served && analysed.served.length > 0, 'the analysis with the index says what the routes serve');
    // The editor's own thread has no index: it hovers with what the worker's analysis said.
    const markdown = afterHoverAt({ text, appRelativePath: testCase.path, served: analysed.served }, offset)?.markdown;
    assert.match(markdown ?? '', /^\*\*`after\(\)`\*\* in tRPC mutation `monitor\.createMonitor`, served by app\/api\/trpc\/\[trpc\]\/route\.ts/);
    assert.match(markdown ?? '', /runs once the response of the Route Handler `app\/api\/trpc\/\[trpc\]\/route\.ts` has been sent\./);
    assert.match(markdown ?? '', /`cookies\(\)` and `headers\(\)` may be read inside/);
    assert.ok(caseAppRoot(testCase).endsWith(join('apps', 'web')));
  });

  test('headers() inside that after() is allowed (a Route Handler), and a lone analysis with what the routes said agrees', () => {
    const rule = ruleById('request-api-in-after')!;
    assert.deepEqual(analyzeFile(inputOf(testCase, text), [rule]).findings, []);
    const served = analyzeFile(inputOf(testCase, text)).served;
    const lone = analyzeFile({ text, appRelativePath: testCase.path, served });
    assert.deepEqual(lone.findings.map((finding) => finding.rule), ['blocking-side-effect']);
    assert.deepEqual(analyzeFile({ text, appRelativePath: testCase.path }).findings, [], 'without it, the procedure is not known to run in a request');
    assert.deepEqual(
      lone.findings.map((finding) => finding.rule),
      analyzeFile(inputOf(testCase, text)).findings.map((finding) => finding.rule),
    );
  });
});
