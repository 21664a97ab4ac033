import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { collectFileFacts } from '../../../server/src/analysis/facts/fileFacts';
import { parseSource } from '../../../server/src/analysis/parse';
import { entry, summarizeModule, type ModuleSummary } from '../../../server/src/analysis/project/summary';
import { code } from '../rules/ruleTester';

function summarize(text: string, fileName = 'lib/module.ts'): ModuleSummary {
  return JSON.parse(JSON.stringify(summarizeModule(collectFileFacts(parseSource(fileName, text), fileName, undefined)))) as ModuleSummary;
}

describe('module summaries', () => {
  test('what a function returns: async, declared types, bodies that return nothing, returned calls', () => {
    const { locals } = summarize(code`
      export async function a() {}
      export function b(): Promise<void> { return Promise.resolve() }
      export function c(): void {}
      export function d() { console.log('x') }
      export const e = (id: string) => fetch('/x/' + id)
      export function f(): string { return 'x' }
      export function g(): Thenable { return x }
      export const h = () => new Promise((resolve) => setTimeout(resolve))
    `);
    assert.deepEqual(
      Object.fromEntries(Object.entries(locals).map(([name, fact]) => [name, fact.kind === 'function' ? (fact.returns ?? `call:${fact.returnsCall ?? '?'}`) : fact.kind])),
      { a: 'promise', b: 'promise', c: 'void', d: 'void', e: 'call:fetch', f: 'value', g: 'call:?', h: 'promise' },
    );
  });

  test('exports, re-exports, star exports, default exports and imports', () => {
    const summary = summarize(code`
      import def, { named as renamed, type T } from './a'
      import * as ns from './b'
      export * from './c'
      export { x as y } from './d'
      export * as all from './e'
      function local() {}
      export { local as publicName, renamed }
      export default function () {}
    `);
    assert.deepEqual(summary.imports, { def: { from: './a', name: 'default' }, renamed: { from: './a', name: 'named' }, ns: { from: './b', name: '*' } });
    assert.deepEqual(summary.starExports, ['./c']);
    assert.deepEqual(summary.reexports, { y: { from: './d', name: 'x' }, all: { from: './e', name: '*' } });
    assert.deepEqual(summary.exports, { publicName: 'local', renamed: 'renamed', default: '#default' });
  });

  test('SDK clients, objects of functions, class instances, wrapped functions', () => {
    const { locals } = summarize(code`
      import { Resend } from 'resend'
      import pino from 'pino'
      export const mailer = new Resend(process.env.KEY)
      export const log = pino()
      export const analytics = { track: async (event: string) => {}, flush() {} }
      class Logger { async info(message: string) {} private secret() {} }
      export const logger = new Logger()
      export const getUser = cache(async (id: string) => ({ id }))
    `);
    assert.deepEqual(locals.mailer, { kind: 'value', origin: { from: 'resend', path: '' } });
    assert.deepEqual(locals.log, { kind: 'value', origin: { from: 'pino', path: '' } });
    assert.deepEqual(locals.analytics, {
      kind: 'value',
      members: { track: { kind: 'function', returns: 'promise' }, flush: { kind: 'function', returns: 'void' } },
      // An object of functions may be an Auth.js adapter or an oRPC router: where its functions sit is kept.
      shape: { obj: { track: { fn: 'v:analytics|k:track' }, flush: { fn: 'v:analytics|k:flush' } } },
    });
    assert.deepEqual(locals.Logger, { kind: 'value', members: { info: { kind: 'function', returns: 'promise' } } });
    assert.deepEqual(locals.logger, { kind: 'value', alias: 'Logger' });
    assert.deepEqual(locals.getUser, { kind: 'function', returns: 'promise' });
  });

  test('request APIs inside after(), and the calls a helper chain follows', () => {
    const { locals } = summarize(code`
      import { after } from 'next/server'
      import { headers } from 'next/headers'
      import { audit } from './audit'
      export function logVisit() {
        after(async () => { const list = await headers(); audit(list) })
      }
      export function visit() {
        const local = () => 1
        local()
        logVisit()
        audit('x')
        console.log('y')
      }
      export function readsHeaders() { return headers() }
    `);
    assert.deepEqual(locals.logVisit, { kind: 'function', returns: 'void', afterApi: 'headers' });
    assert.deepEqual(locals.visit, { kind: 'function', returns: 'void', calls: ['logVisit', 'audit'] });
    assert.deepEqual(locals.readsHeaders, { kind: 'function', returnsCall: 'headers' });
  });

  test('what routers and auth configurations are made of: shapes, by structure, not position', () => {
    const summary = summarize(code`
      import { Hono } from 'hono'
      import { z } from 'zod'
      import NextAuth from 'next-auth'
      import { createTRPCRouter, publicProcedure } from './trpc'
      import { monitorRouter } from './monitor'
      export const schema = z.object({ name: z.string().min(1) })
      export const appRouter = createTRPCRouter({
        monitor: monitorRouter,
        hello: publicProcedure.input(schema).query(async ({ input }) => input),
      })
      const app = new Hono().basePath('/api')
      app.get('/hello', async (c) => c.json({}))
      app.route('/users', usersApp)
      export const { handlers, auth: nextAuth } = NextAuth({ events: { async createUser() {} } })
      export function registerRoutes(server: Hono) {
        server.post('/x', async (c) => c.text('x'))
        server.get('/y')
        new URLSearchParams('').get('q')
      }
    `);
    const { locals } = summary;
    // A zod schema leads to no function and no other name: no shape is kept.
    assert.deepEqual(locals.schema, { kind: 'value', origin: { from: 'zod', path: '' } });
    assert.deepEqual((locals.appRouter as { shape?: unknown }).shape, {
      call: { ref: 'createTRPCRouter' },
      args: [
        {
          obj: {
            monitor: { ref: 'monitorRouter' },
            hello: { call: { get: { call: { ref: 'publicProcedure.input' }, args: [{ ref: 'schema' }] }, name: 'query' }, args: [{ fn: 'v:appRouter|(0)/k:hello/(0)' }] },
          },
        },
      ],
    });
    assert.deepEqual((locals.app as { shape?: unknown }).shape, { call: { get: { call: { ref: 'Hono' }, args: [], new: true }, name: 'basePath' }, args: [{ str: '/api' }] });
    assert.deepEqual(summary.effects, [
      { call: { ref: 'app.get' }, args: [{ str: '/hello' }, { fn: 's:8|(1)' }] },
      { call: { ref: 'app.route' }, args: [{ str: '/users' }, null] },
    ]);
    assert.deepEqual(locals['#init0'], { kind: 'value', shape: { call: { ref: 'NextAuth' }, args: [{ obj: { events: { obj: { createUser: { fn: 'v:handlers|(0)/k:events/k:createUser' } } } } }] } });
    assert.deepEqual(locals.handlers, { kind: 'value', shape: { ref: '#init0.handlers' } });
    assert.deepEqual(locals.nextAuth, { kind: 'value', shape: { ref: '#init0.auth' } });
    assert.deepEqual(summary.exports.nextAuth, 'nextAuth');
    const registers = (locals.registerRoutes as { registers?: unknown[] }).registers;
    assert.equal(registers?.length, 1, 'only the registration that passes a handler');
    assert.deepEqual((registers![0] as { call: unknown }).call, { get: { param: 0 }, name: 'post' });
  });

  test('an edit inside a function body leaves the summary as it was', () => {
    const before = summarize(code`
      import { createTRPCRouter, publicProcedure } from './trpc'
      export const appRouter = createTRPCRouter({ a: publicProcedure.mutation(async () => { await track('a') }) })
    `);
    const after = summarize(code`
      import { createTRPCRouter, publicProcedure } from './trpc'
      export const appRouter = createTRPCRouter({ a: publicProcedure.mutation(async () => {
        const started = Date.now()
        await track('a', { started })
      }) })
    `);
    assert.deepEqual(after, before);
  });

  test('declarations of an installed package (.d.ts)', () => {
    const { locals } = summarize(
      code`
        export declare function send(to: string): Promise<{ id: string }>
        export declare function setUser(id: string): void
        export declare const track: (event: string) => Promise<void>
      `,
      'node_modules/sdk/index.d.ts',
    );
    assert.deepEqual(locals, { send: { kind: 'function', returns: 'promise' }, setUser: { kind: 'function', returns: 'void' }, track: { kind: 'function', returns: 'promise' } });
  });
});

test('a summary read back from JSON (the cache file) finds no names on the object prototype', () => {
  const summary = JSON.parse(JSON.stringify(summarizeModule(collectFileFacts(parseSource('lib/a.ts', 'export function track() {}\n'), 'lib/a.ts', undefined)))) as ModuleSummary;
  assert.equal(entry(summary.locals, 'toString'), undefined);
  assert.equal(entry(summary.exports, 'constructor'), undefined);
  assert.deepEqual(entry(summary.locals, 'track'), { kind: 'function', returns: 'void' });
});
