import { code, ruleTable, type InvalidCase, type RuleCase } from './ruleTester';

// Request scopes behind routers (rules.md): a route.ts that hands its request to a tRPC, oRPC or
// Hono router runs the router's handlers in its own request, across files and packages.

const TSCONFIG = JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./*'] } } });

/** The tRPC pieces most apps have (create-t3-app's shape): an init module with a middleware. */
const TRPC_INIT = code`
  import { initTRPC, TRPCError } from '@trpc/server'
  const t = initTRPC.context<{ userId?: string }>().create()
  export const createTRPCRouter = t.router
  export const mergeRouters = t.mergeRouters
  export const createCallerFactory = t.createCallerFactory
  export const publicProcedure = t.procedure
  const enforceUser = t.middleware(async ({ ctx, next }) => {
    if (!ctx.userId) throw new TRPCError({ code: 'UNAUTHORIZED' })
    await logAccess(ctx.userId)
    return next()
  })
  export const protectedProcedure = t.procedure.use(enforceUser)
`;
const MONITOR_ROUTER = code`
  import { z } from 'zod'
  import { createTRPCRouter, protectedProcedure } from '../trpc'
  export const monitorRouter = createTRPCRouter({
    createMonitor: protectedProcedure.input(z.object({ url: z.string() })).mutation(async ({ input }) => {
      const monitor = await db.monitor.create({ data: input })
      await trackMonitorCreated(monitor.id)
      return monitor
    }),
  })
`;
const ROOT = code`
  import { createTRPCRouter } from './trpc'
  import { monitorRouter } from './routers/monitor'
  export const appRouter = createTRPCRouter({ monitor: monitorRouter })
`;
const TRPC_ROUTE = code`
  import { fetchRequestHandler } from '@trpc/server/adapters/fetch'
  import { appRouter } from '@/server/root'
  const handler = (req: Request) =>
    fetchRequestHandler({ endpoint: '/api/trpc', req, router: appRouter, createContext: () => ({}) })
  export { handler as GET, handler as POST }
`;
const TRPC_APP = { 'server/trpc.ts': TRPC_INIT, 'server/root.ts': ROOT, 'app/api/trpc/[trpc]/route.ts': TRPC_ROUTE, 'tsconfig.json': TSCONFIG };
const SERVED_MONITOR = 'tRPC mutation `monitor.createMonitor`, served by app/api/trpc/[trpc]/route.ts';

/** A workspace package without `next`: its routers run in the app that serves them. */
const API_PACKAGE = {
  '../../packages/api/package.json': JSON.stringify({ name: '@acme/api', main: 'src/index.ts', dependencies: { '@trpc/server': '11.0.0' } }),
  '../../packages/api/src/index.ts': "export { appRouter } from './root'\n",
  '../../packages/api/src/trpc.ts': TRPC_INIT,
  '../../packages/api/src/root.ts': ROOT,
  '../../packages/api/src/routers/monitor.ts': MONITOR_ROUTER,
  '../../package.json': JSON.stringify({ private: true, workspaces: ['apps/*', 'packages/*'] }),
  'app/api/trpc/[trpc]/route.ts': TRPC_ROUTE.replace('@/server/root', '@acme/api'),
};

const ORPC_ROUTER = code`
  import { os } from '@orpc/server'
  import { findPlanet } from './planets'
  const authed = os.$context<{ user?: string }>().use(async ({ next }) => {
    await auditRequest('planet')
    return next()
  })
  export const router = {
    planet: {
      create: authed.handler(async ({ input }) => {
        const planet = await db.planet.insert(input)
        await trackPlanetCreated(planet.id)
        return planet
      }),
      find: authed.handler(findPlanet),
    },
  }
`;
const ORPC_PLANETS = code`
  export async function findPlanet({ input }: { input: { id: string } }) {
    await logLookup(input.id)
    return { id: input.id }
  }
`;
const ORPC_ROUTE = code`
  import { RPCHandler } from '@orpc/server/fetch'
  import { router } from '@/server/orpc'
  const handler = new RPCHandler(router)
  async function handleRequest(request: Request) {
    const { response } = await handler.handle(request, { prefix: '/rpc', context: {} })
    return response ?? new Response('Not found', { status: 404 })
  }
  export const GET = handleRequest
  export const POST = handleRequest
`;

const HONO_USERS = code`
  import { Hono } from 'hono'
  export const users = new Hono()
  users.post('/', async (c) => {
    const user = await db.user.insert(await c.req.json())
    await notifySlackChannel(user.id)
    return c.json(user)
  })
`;
const HONO_ROUTE = code`
  import { Hono } from 'hono'
  import { handle } from 'hono/vercel'
  import { users } from '@/server/users'
  const app = new Hono().basePath('/api')
  app.use('*', async (c, next) => {
    await logRequest(c.req.path)
    await next()
  })
  app.get('/hello', async (c) => {
    await trackHello()
    return c.json({ hello: 'world' })
  })
  app.route('/users', users)
  export const GET = handle(app)
  export const POST = handle(app)
`;

const valid: RuleCase[] = [
  { name: 'tRPC: a procedure no route.ts serves stays unknown', path: 'server/routers/monitor.ts', code: MONITOR_ROUTER, files: { 'server/trpc.ts': TRPC_INIT, 'server/root.ts': ROOT, 'tsconfig.json': TSCONFIG } },
  {
    name: 'tRPC: a route that does not hand its request to the router serves none of it',
    path: 'server/routers/monitor.ts',
    code: MONITOR_ROUTER,
    files: { ...TRPC_APP, 'app/api/trpc/[trpc]/route.ts': "import { appRouter } from '@/server/root'\nexport async function GET() {\n  return Response.json(Object.keys(appRouter))\n}\n" },
  },
  {
    name: 'tRPC: a router that merges a router that merges it ends, and its procedures are found once',
    path: 'server/routers/monitor.ts',
    code: code`
      import { createTRPCRouter, publicProcedure } from '../trpc'
      import { appRouter } from '../root'
      export const monitorRouter = createTRPCRouter({
        again: appRouter,
        list: publicProcedure.query(async () => db.monitor.findMany()),
      })
    `,
    files: TRPC_APP,
  },
  {
    name: 'Hono: an app mounted into itself ends',
    path: 'app/api/[[...route]]/route.ts',
    code: code`
      import { Hono } from 'hono'
      import { handle } from 'hono/vercel'
      const app = new Hono()
      app.route('/again', app)
      app.get('/', (c) => c.text('ok'))
      export const GET = handle(app)
    `,
    files: {},
  },
  {
    name: 'oRPC: a router object no handler serves stays unknown',
    path: 'server/orpc.ts',
    code: ORPC_ROUTER,
    files: { 'server/planets.ts': ORPC_PLANETS, 'tsconfig.json': TSCONFIG },
  },
  {
    name: 'a module-local helper called only from inside after() stays silent',
    path: 'app/api/signup/route.ts',
    code: code`
      import { after } from 'next/server'
      async function notifyTeam(id: string) {
        await sendSlackAlert(id)
      }
      export async function POST(request: Request) {
        const { id } = await request.json()
        after(async () => {
          await notifyTeam(id)
        })
        return Response.json({ id })
      }
    `,
  },
  {
    name: 'a module-local helper that is also passed as a value is not known to run in the request',
    path: 'app/api/signup/route.ts',
    code: code`
      async function tellTeam(id: string) {
        await sendSlackAlert(id)
      }
      export async function POST(request: Request) {
        const { ids } = await request.json()
        await tellTeam(ids[0])
        await Promise.all(ids.map(tellTeam))
        return Response.json({ ok: true })
      }
    `,
  },
  {
    name: 'a module-local helper called from request scopes of two kinds is not given either',
    path: 'app/dashboard/page.tsx',
    code: code`
      async function countView(id: string) {
        await trackView(id)
      }
      export async function save(id: string) {
        'use server'
        await countView(id)
      }
      export default async function Page() {
        await countView('page')
        return <form action={save.bind(null, 'x')} />
      }
    `,
  },
];

const invalid: InvalidCase[] = [
  {
    name: 'tRPC: a mutation of a router merged by router({ a: aRouter }) into the router a route serves, in another file',
    path: 'server/routers/monitor.ts',
    code: MONITOR_ROUTER,
    files: TRPC_APP,
    errors: ['blocking-side-effect@6:5'],
    messageIncludes: [SERVED_MONITOR],
    output: code`
      import { z } from 'zod'
      import { createTRPCRouter, protectedProcedure } from '../trpc'
      import { after } from 'next/server'
      export const monitorRouter = createTRPCRouter({
        createMonitor: protectedProcedure.input(z.object({ url: z.string() })).mutation(async ({ input }) => {
          const monitor = await db.monitor.create({ data: input })
          after(async () => {
            await trackMonitorCreated(monitor.id)
          })
          return monitor
        }),
      })
    `,
  },
  {
    name: 'tRPC: the .use() middleware of the procedure builder the router is made from',
    path: 'server/trpc.ts',
    code: TRPC_INIT,
    files: { ...TRPC_APP, 'server/routers/monitor.ts': MONITOR_ROUTER },
    errors: ['blocking-side-effect@9:3'],
    messageIncludes: ['tRPC middleware `enforceUser`, served by app/api/trpc/[trpc]/route.ts'],
  },
  {
    name: 'tRPC: a router in another workspace package without next, served by the app',
    path: '../../packages/api/src/routers/monitor.ts',
    code: MONITOR_ROUTER,
    files: API_PACKAGE,
    errors: ['blocking-side-effect@6:5'],
    messageIncludes: ['tRPC mutation `monitor.createMonitor`, served by'],
  },
  {
    name: 'tRPC: mergeRouters(a, b) and a procedure whose function is declared in another file',
    path: 'server/procedures/archive.ts',
    code: code`
      export async function archiveMonitor({ input }: { input: { id: string } }) {
        await db.monitor.update({ where: { id: input.id }, data: { archived: true } })
        await auditMonitorArchived(input.id)
        return { ok: true }
      }
    `,
    files: {
      ...TRPC_APP,
      'server/routers/monitor.ts': MONITOR_ROUTER,
      'server/routers/archive.ts': "import { createTRPCRouter, protectedProcedure } from '../trpc'\nimport { archiveMonitor } from '../procedures/archive'\nexport const archiveRouter = createTRPCRouter({ archive: protectedProcedure.mutation(archiveMonitor) })\n",
      'server/root.ts': "import { mergeRouters } from './trpc'\nimport { monitorRouter } from './routers/monitor'\nimport { archiveRouter } from './routers/archive'\nexport const appRouter = mergeRouters(monitorRouter, archiveRouter)\n",
    },
    errors: ['blocking-side-effect@3:3'],
    messageIncludes: ['tRPC mutation `archive`, served by app/api/trpc/[trpc]/route.ts'],
  },
  {
    name: 'tRPC: a route method that calls a procedure through createCaller',
    path: 'server/routers/monitor.ts',
    code: MONITOR_ROUTER,
    files: {
      ...TRPC_APP,
      'app/api/trpc/[trpc]/route.ts': "",
      'app/api/monitors/route.ts': "import { appRouter } from '@/server/root'\nexport async function POST(req: Request) {\n  const caller = appRouter.createCaller({ userId: 'u' })\n  return Response.json(await caller.monitor.createMonitor(await req.json()))\n}\n",
    },
    errors: ['blocking-side-effect@6:5'],
    messageIncludes: ['tRPC mutation `monitor.createMonitor`, served by app/api/monitors/route.ts'],
  },
  {
    name: 'tRPC: createCallerFactory(appRouter), in a route exported as export async function',
    path: 'server/routers/monitor.ts',
    code: MONITOR_ROUTER,
    files: {
      ...TRPC_APP,
      'app/api/trpc/[trpc]/route.ts': "",
      'app/api/monitors/route.ts': "import { appRouter } from '@/server/root'\nimport { createCallerFactory } from '@/server/trpc'\nconst createCaller = createCallerFactory(appRouter)\nexport async function POST(req: Request) {\n  const caller = createCaller({})\n  return Response.json(await caller.monitor.createMonitor(await req.json()))\n}\n",
    },
    errors: ['blocking-side-effect@6:5'],
    messageIncludes: ['served by app/api/monitors/route.ts'],
  },
  {
    name: 'tRPC inside Hono: trpcServer({ router }) mounted with app.use, the app served by export const GET = handle(app)',
    path: 'server/routers/monitor.ts',
    code: MONITOR_ROUTER,
    files: {
      ...TRPC_APP,
      'app/api/trpc/[trpc]/route.ts': "",
      'app/api/[[...route]]/route.ts': "import { Hono } from 'hono'\nimport { handle } from 'hono/vercel'\nimport { trpcServer } from '@hono/trpc-server'\nimport { appRouter } from '@/server/root'\nconst app = new Hono().basePath('/api')\napp.use('/trpc/*', trpcServer({ router: appRouter }))\nexport const GET = handle(app)\nexport const POST = handle(app)\n",
    },
    errors: ['blocking-side-effect@6:5'],
    messageIncludes: ['tRPC mutation `monitor.createMonitor`, served by app/api/[[...route]]/route.ts'],
  },
  {
    name: 'tRPC: the route exports its methods as export const { GET, POST } of an object',
    path: 'server/routers/monitor.ts',
    code: MONITOR_ROUTER,
    files: {
      ...TRPC_APP,
      'app/api/trpc/[trpc]/route.ts': "import { fetchRequestHandler } from '@trpc/server/adapters/fetch'\nimport { appRouter } from '@/server/root'\nconst handlers = {\n  GET: (req: Request) => fetchRequestHandler({ endpoint: '/api/trpc', req, router: appRouter }),\n  POST: (req: Request) => fetchRequestHandler({ endpoint: '/api/trpc', req, router: appRouter }),\n}\nexport const { GET, POST } = handlers\n",
    },
    errors: ['blocking-side-effect@6:5'],
    messageIncludes: [SERVED_MONITOR],
  },
  {
    name: 'oRPC: a .handler() procedure and the .use() middleware of its builder, served through RPCHandler#handle',
    path: 'server/orpc.ts',
    code: ORPC_ROUTER,
    files: { 'server/planets.ts': ORPC_PLANETS, 'app/rpc/[[...rest]]/route.ts': ORPC_ROUTE, 'tsconfig.json': TSCONFIG },
    errors: ['blocking-side-effect@4:3', 'blocking-side-effect@11:7'],
    messageIncludes: ['served by app/rpc/[[...rest]]/route.ts'],
  },
  {
    name: 'oRPC: a procedure whose function is passed by name and declared in another file',
    path: 'server/planets.ts',
    code: ORPC_PLANETS,
    files: { 'server/orpc.ts': ORPC_ROUTER, 'app/rpc/[[...rest]]/route.ts': ORPC_ROUTE, 'tsconfig.json': TSCONFIG },
    errors: ['blocking-side-effect@2:3'],
    messageIncludes: ['oRPC procedure `planet.find`, served by app/rpc/[[...rest]]/route.ts'],
  },
  {
    name: 'Hono: handlers and middlewares of an app in the route file itself',
    path: 'app/api/[[...route]]/route.ts',
    code: HONO_ROUTE,
    files: { 'server/users.ts': HONO_USERS, 'tsconfig.json': TSCONFIG },
    errors: ['blocking-side-effect@6:3', 'blocking-side-effect@10:3'],
    messageIncludes: ['served by app/api/[[...route]]/route.ts'],
  },
  {
    name: "Hono: a sub-app mounted with app.route('/users', users) from another file",
    path: 'server/users.ts',
    code: HONO_USERS,
    files: { 'app/api/[[...route]]/route.ts': HONO_ROUTE, 'tsconfig.json': TSCONFIG },
    errors: ['blocking-side-effect@5:3'],
    severity: 'info',
    messageIncludes: ['Hono handler `POST /api/users`, served by app/api/[[...route]]/route.ts'],
  },
  {
    name: 'Hono: routes registered by a function that receives the app, served as app.fetch',
    path: 'server/routes.ts',
    code: code`
      import type { Hono } from 'hono'
      export function registerRoutes(app: Hono) {
        app.get('/ping', async (c) => {
          await recordPing()
          return c.text('pong')
        })
      }
    `,
    files: {
      'app/api/[[...route]]/route.ts': "import { Hono } from 'hono'\nimport { registerRoutes } from '@/server/routes'\nconst app = new Hono().basePath('/api')\nregisterRoutes(app)\nexport const GET = app.fetch\n",
      'tsconfig.json': TSCONFIG,
    },
    errors: ['blocking-side-effect@4:5'],
    messageIncludes: ['Hono handler `GET /api/ping`, served by app/api/[[...route]]/route.ts'],
  },
  {
    name: 'a module-local helper that every request scope of the module awaits takes their context',
    path: 'app/api/signup/route.ts',
    code: code`
      async function tellTeam(id: string) {
        await logTeamSignup(id)
      }
      async function welcome(id: string) {
        await tellTeam(id)
        await trackSignup(id)
      }
      export async function POST(request: Request) {
        const { id } = await request.json()
        await welcome(id)
        return Response.json({ id })
      }
    `,
    errors: ['blocking-side-effect@2:3', 'blocking-side-effect@6:3'],
    messageIncludes: ['awaited by the Route Handler (app/api/signup/route.ts)'],
  },
  {
    name: 'a non-exported function of a "use server" module that an action awaits runs in the action',
    path: 'app/actions.ts',
    code: "'use server'\nasync function internal() {\n  await logUserAction({})\n}\nexport async function save() { await internal() }\n",
    errors: ['blocking-side-effect@3:3'],
    messageIncludes: ['helper `internal`, awaited by the Server Action (app/actions.ts)'],
  },
];

ruleTable('blocking-side-effect', { valid, invalid });
