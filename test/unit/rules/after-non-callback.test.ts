import { code, ruleTable, type InvalidCase } from './ruleTester';

const route = (body: string): string => `import { after } from 'next/server'\nexport async function POST() {\n  ${body}\n  return new Response(null)\n}\n`;

/** A Route Handler after `declarations`, whose body is `body`. */
const handler = (body: string, declarations = ''): string => `import { after } from 'next/server'\n${declarations}export async function POST(request: Request) {\n${body}\n  return new Response(null)\n}\n`;
const LONG_RUNNING = 'async function longRunning(value?: unknown) {}\n';

/** `after(promise)` with a const known to hold a promise: reported, fixed only when moving the work keeps behaviour. */
const promiseConsts: InvalidCase[] = [
  {
    name: 'a const holding the promise of a local async function: the initializer moves into the callback',
    path: 'app/api/route.ts',
    code: handler('  const promise = longRunning()\n  after(promise)', LONG_RUNNING),
    errors: ['after-non-callback@5:9'],
    messageIncludes: ['already started', '`const promise = longRunning()`'],
    output: handler('  after(() => longRunning())', LONG_RUNNING),
  },
  {
    name: 'a Promise-typed arrow, with work in between that does not touch what the call reads',
    path: 'app/api/route.ts',
    code: handler('  const body = await request.json()\n  const logged = logRequest(body.id)\n  const saved = await save(body)\n  after(logged)', 'const logRequest = (id: string): Promise<void> => fetch(id).then(() => {})\n'),
    errors: ['after-non-callback@7:9'],
    output: handler('  const body = await request.json()\n  const saved = await save(body)\n  after(() => logRequest(body.id))', 'const logRequest = (id: string): Promise<void> => fetch(id).then(() => {})\n'),
  },
  {
    name: 'a catalogued SDK call (resend emails.send)',
    path: 'app/api/route.ts',
    code: handler("  const sending = resend.emails.send({ to: 'a@b.c', subject: 'Hi', html: '' })\n  after(sending)", "import { Resend } from 'resend'\nconst resend = new Resend('key')\n"),
    errors: ['after-non-callback@6:9'],
    output: handler("  after(() => resend.emails.send({ to: 'a@b.c', subject: 'Hi', html: '' }))", "import { Resend } from 'resend'\nconst resend = new Resend('key')\n"),
  },
  {
    name: 'a .then chain, and new Promise',
    path: 'app/api/route.ts',
    code: handler('  const done = notify(1).then(() => undefined)\n  const timer = new Promise((resolve) => setTimeout(resolve, 10))\n  after(done)\n  after(timer)'),
    errors: ['after-non-callback@5:9', 'after-non-callback@6:9'],
    output: handler('  after(() => notify(1).then(() => undefined))\n  after(() => new Promise((resolve) => setTimeout(resolve, 10)))'),
  },
  {
    name: 'the const is used elsewhere too: no fix, the message says the work already started',
    path: 'app/api/route.ts',
    code: handler("  const promise = longRunning()\n  promise.catch(() => console.error('failed'))\n  after(promise)", LONG_RUNNING),
    errors: ['after-non-callback@6:9'],
    messageIncludes: ['already started', 'where the promise is made'],
    output: handler("  const promise = longRunning()\n  promise.catch(() => console.error('failed'))\n  after(promise)", LONG_RUNNING),
  },
  {
    name: 'a module-level const (started once, at import) and an exported one: no fix',
    path: 'app/api/route.ts',
    code: handler('  after(warmup)\n  after(ready)', `${LONG_RUNNING}const warmup = longRunning()\nexport const ready = longRunning()\n`),
    errors: ['after-non-callback@6:9', 'after-non-callback@7:9'],
    output: handler('  after(warmup)\n  after(ready)', `${LONG_RUNNING}const warmup = longRunning()\nexport const ready = longRunning()\n`),
  },
  {
    name: 'after() inside a branch or a loop would skip or repeat the work: no fix',
    path: 'app/api/route.ts',
    code: handler('  const first = longRunning()\n  if (request.method === "POST") after(first)\n  const second = longRunning()\n  for (const id of [1, 2]) {\n    after(second)\n  }', LONG_RUNNING),
    errors: ['after-non-callback@5:40', 'after-non-callback@8:11'],
    output: handler('  const first = longRunning()\n  if (request.method === "POST") after(first)\n  const second = longRunning()\n  for (const id of [1, 2]) {\n    after(second)\n  }', LONG_RUNNING),
  },
  {
    name: 'the call reads what could differ by then (a let assigned later, the clock, an object written later): no fix',
    path: 'app/api/route.ts',
    code: handler('  let attempt = 1\n  const a = longRunning(attempt)\n  after(a)\n  attempt++\n  const b = longRunning(Date.now())\n  after(b)\n  const body = { seen: false }\n  const c = longRunning(body)\n  after(c)\n  body.seen = true', LONG_RUNNING),
    errors: ['after-non-callback@6:9', 'after-non-callback@9:9', 'after-non-callback@12:9'],
    output: handler('  let attempt = 1\n  const a = longRunning(attempt)\n  after(a)\n  attempt++\n  const b = longRunning(Date.now())\n  after(b)\n  const body = { seen: false }\n  const c = longRunning(body)\n  after(c)\n  body.seen = true', LONG_RUNNING),
  },
];

ruleTable('after-non-callback', {
  valid: [
    { name: 'a const of unknown type (an imported or undeclared call) is never a guess', path: 'app/api/route.ts', code: handler('  const task = startTask()\n  after(task)', "import { startTask } from '@/lib/tasks'\n") },
    { name: 'a const from a local function that returns void, or that is not async', path: 'app/api/route.ts', code: handler('  const a = prepare()\n  after(a)\n  const b = build()\n  after(b)', 'function prepare(): void {}\nfunction build() { return () => {} }\n') },
    { name: 'a let is not a const', path: 'app/api/route.ts', code: handler('  let promise = longRunning()\n  after(promise)', LONG_RUNNING) },
    { name: 'an awaited value in a const, and a const holding a function', path: 'app/api/route.ts', code: handler('  const value = await longRunning()\n  after(value)\n  const task = async () => longRunning()\n  after(task)', LONG_RUNNING) },
    { name: 'a parameter that shadows a promise const', path: 'app/api/route.ts', code: `import { after } from 'next/server'\n${LONG_RUNNING}const promise = longRunning()\nexport function defer(promise: () => Promise<void>) {\n  after(promise)\n}\n` },
    { name: 'a local Promise class is not the global one', path: 'app/api/route.ts', code: handler('  const p = new Promise(() => {})\n  after(p)', 'class Promise { constructor(_: unknown) {} }\n') },
    { name: 'arrow callback', path: 'app/api/route.ts', code: route('after(() => send())') },
    { name: 'async function expression', path: 'app/api/route.ts', code: route('after(async function log() { await send() })') },
    { name: 'plain identifier of unknown type', path: 'app/api/route.ts', code: route('after(task)') },
    { name: 'method reference', path: 'app/api/route.ts', code: route('after(logger.flush)') },
    { name: 'parenthesised callback', path: 'app/api/route.ts', code: route('after((() => {}))') },
    { name: 'local after taking a value', path: 'app/api/route.ts', code: code`
      function after(value: unknown) { return value }
      export async function POST() { after(send()); return new Response(null) }
    ` },
  ],
  invalid: [
    {
      name: 'a call starts during the response',
      path: 'app/api/route.ts',
      code: route('after(send())'),
      errors: ['after-non-callback@3:9'],
      output: route('after(() => send())'),
    },
    {
      name: 'a method call',
      path: 'app/api/route.ts',
      code: route('after(logger.flush())'),
      errors: ['after-non-callback@3:9'],
      output: route('after(() => logger.flush())'),
    },
    {
      name: 'an awaited value blocks the response',
      path: 'app/api/route.ts',
      code: route('after(await send())'),
      errors: ['after-non-callback@3:9'],
      messageIncludes: ['awaited'],
      output: route('after(() => send())'),
    },
    {
      name: 'a new promise',
      path: 'app/api/route.ts',
      code: route('after(new Promise((resolve) => setTimeout(resolve, 10)))'),
      errors: ['after-non-callback@3:9'],
      output: route('after(() => new Promise((resolve) => setTimeout(resolve, 10)))'),
    },
    {
      name: 'a literal is an error',
      path: 'app/api/route.ts',
      code: route("after('flush')"),
      errors: ['after-non-callback@3:9'],
      severity: 'error',
    },
    {
      name: 'undefined is an error',
      path: 'app/api/route.ts',
      code: route('after(undefined)'),
      errors: ['after-non-callback@3:9'],
      severity: 'error',
    },
    {
      name: 'no argument at all',
      path: 'app/api/route.ts',
      code: route('after()'),
      errors: ['after-non-callback@3:3'],
      severity: 'error',
    },
    {
      name: 'alias, in a page',
      path: 'app/page.tsx',
      code: code`
        import { after as defer } from 'next/server'
        export default async function Page() {
          defer(track('view'))
          return <main />
        }
      `,
      errors: ['after-non-callback@3:9'],
      output: code`
        import { after as defer } from 'next/server'
        export default async function Page() {
          defer(() => track('view'))
          return <main />
        }
      `,
    },
    ...promiseConsts,
  ],
});
