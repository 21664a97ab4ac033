import type { Random } from './random';

/**
 * Generated handlers that type-check with the Next.js stubs, for the type and behaviour checks of
 * the fuzz harness: a workspace narrowed by a guard and set to null later, lets assigned after use,
 * objects changed later, clocks and random sources, and side effects in every form the deferring
 * rules fix (awaited, floating, in waitUntil(), passed to after() as a call or an awaited value),
 * in blocks, branches and loops.
 */
export interface TypedHandler {
  path: string;
  text: string;
  exportName: string;
  render: boolean;
  /** What the declared work functions return when run. */
  returns: Record<string, () => unknown>;
}

const PRELUDE = `import { after } from 'next/server'
import { waitUntil } from '@vercel/functions'
import { headers } from 'next/headers'

type Workspace = { id: string; name: string; plan: { tier: string } | null; owner: string | null }
declare function findWorkspace(id: string): Promise<Workspace | null>
declare function saveDraft(data: unknown): Promise<void>
declare function logEvent(data: Record<string, unknown>): Promise<void>
declare function trackUsage(data: Record<string, unknown>): Promise<void>
declare function captureMetric(data: Record<string, unknown>): Promise<void>
declare function flushLogs(data: Record<string, unknown>): Promise<any>
`;

export const TYPED_RETURNS: Record<string, () => unknown> = {
  findWorkspace: () => ({ id: 'w1', name: 'Acme', plan: { tier: 'pro' }, owner: null }),
  saveDraft: () => undefined,
};

interface State {
  /** `ws` is non-null here (a guard ran and nothing set it since). */
  narrowed: boolean;
  /** `ws` was set to null: a guard would narrow it to `never`. */
  cleared: boolean;
  /** Inside `if (ws.plan) { ... }`: `ws.plan.tier` reads fine. */
  planNarrowed: boolean;
  /** Inside a `for (let i ...)` loop. */
  loop: boolean;
  render: boolean;
}

export function generateTypedHandler(random: Random): TypedHandler {
  const render = random.int(4) === 0;
  const state: State = { narrowed: false, cleared: false, planNarrowed: false, loop: false, render };
  const lines = [
    '  const started = Date.now()',
    '  let ws: Workspace | null = await findWorkspace(\'w1\')',
    '  let count = 0',
    "  let label = 'a'",
    '  const items: string[] = []',
    "  const meta = { status: 'new', tries: 0 }",
  ];
  for (let index = 3 + random.int(8); index > 0; index--) lines.push(...statement(random, state, '  '));
  const result = render ? '<main>{count}{label}{meta.status}{items.length}</main>' : 'Response.json({ count, label, meta, items })';
  lines.push(`  return ${result}`);
  const head = render ? 'export default async function Page() {' : 'export async function POST(request: Request) {';
  return {
    path: render ? 'app/fuzz/page.tsx' : 'app/api/fuzz/route.ts',
    text: `${PRELUDE}\n${head}\n${lines.join('\n')}\n}\n`,
    exportName: render ? 'default' : 'POST',
    render,
    returns: TYPED_RETURNS,
  };
}

function statement(random: Random, state: State, indent: string): string[] {
  switch (random.int(10)) {
    case 0:
      if (state.narrowed || state.cleared || state.loop || state.planNarrowed) return sideEffect(random, state, indent);
      state.narrowed = true;
      return [`${indent}if (!ws) return ${state.render ? 'null' : "Response.json({ error: 'missing' }, { status: 404 })"}`];
    case 1:
      return [`${indent}${random.pick(['count += 1', 'count++', "label = label + 'b'", 'label = String(count)'])}`];
    case 2:
      return [`${indent}${random.pick(["meta.status = 'done'", 'meta.tries++', 'items.push(label)', "items.push('x')"])}`];
    case 3: {
      if (state.loop || state.planNarrowed) return sideEffect(random, state, indent);
      const assignment = random.pick(['ws = null', "ws = await findWorkspace('w2')"]);
      state.narrowed = false;
      state.cleared = assignment === 'ws = null';
      return [`${indent}${assignment}`];
    }
    case 4: {
      if (!state.narrowed || state.planNarrowed) return sideEffect(random, state, indent);
      const inner = { ...state, planNarrowed: true };
      return [`${indent}if (ws.plan) {`, ...sideEffect(random, inner, `${indent}  `), `${indent}}`];
    }
    case 5: {
      if (state.loop) return sideEffect(random, state, indent);
      const inner = { ...state, loop: true };
      const body = [...sideEffect(random, inner, `${indent}  `), ...(random.int(2) ? statement(random, inner, `${indent}  `) : [])];
      // A loop body may not leave `ws` changed for the code after it: keep what holds after the loop.
      return [`${indent}for (let i = 0; i < 2; i++) {`, ...body, `${indent}}`];
    }
    case 6:
      return [`${indent}await saveDraft({ count, label })`];
    default:
      return sideEffect(random, state, indent);
  }
}

function sideEffect(random: Random, state: State, indent: string): string[] {
  const form = random.int(5);
  // `after(await x)` type-checks only when x resolves to something after() accepts: a function typed `Promise<any>`.
  const callee = form === 3 ? 'flushLogs' : random.pick(['logEvent', 'trackUsage', 'captureMetric']);
  const properties: string[] = [];
  for (let count = 1 + random.int(4); count > 0; count--) {
    const next = property(random, state, properties.length);
    if (!properties.includes(next)) properties.push(next);
  }
  const call = `${callee}({ ${properties.join(', ')} })`;
  switch (form) {
    case 0:
      return [`${indent}void ${call}`];
    case 1:
      return [`${indent}waitUntil(${call})`];
    case 2:
      return [`${indent}after(${call})`];
    case 3:
      return [`${indent}after(await ${call})`];
    default:
      return [`${indent}await ${call}`];
  }
}

function property(random: Random, state: State, index: number): string {
  const values = [
    'count',
    'label',
    'meta.status',
    'meta.tries',
    'items.length',
    'Date.now() - started',
    'new Date().toISOString()',
    'Math.random()',
    'crypto.randomUUID()',
    'performance.now()',
    "count > 1 ? label : 'none'",
    'items.map((item) => item + count)',
  ];
  if (state.narrowed) values.push('ws.id', 'ws.name', "ws.owner ?? 'nobody'", "count > 0 ? ws.name : 'none'");
  if (state.narrowed && state.planNarrowed) values.push('ws.plan.tier');
  if (state.loop) values.push('i');
  if (!state.render) values.push("(await headers()).get('user-agent')");
  const value = random.pick(values);
  const key = random.int(3) === 0 && /^[a-z]+$/.test(value) ? value : `p${index}`;
  return key === value ? value : `${key}: ${value}`;
}
