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
    assert.deepEqual(locals.analytics, { kind: 'value', members: { track: { kind: 'function', returns: 'promise' }, flush: { kind: 'function', returns: 'void' } } });
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
