// A deterministic corpus (seeded): route handlers, actions, pages and helpers, written the way apps are.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SIDE_EFFECTS = ['logUserAction', 'trackEvent', 'auditLog', 'recordVisit', 'notifyTeam', 'sendReceiptEmail'];
const WORK = ['db.user.findMany', 'db.order.create', 'db.post.update', 'fetchInventory', 'loadSettings'];

function route(i, rnd) {
  const effect = SIDE_EFFECTS[Math.floor(rnd() * SIDE_EFFECTS.length)];
  const work = WORK[Math.floor(rnd() * WORK.length)];
  const withAfter = rnd() < 0.4;
  return `import { NextResponse${withAfter ? ', after' : ''} } from 'next/server'
import { headers } from 'next/headers'
import { ${effect} } from '@/lib/h${i % 400}'
import { db } from '@/lib/db'

async function fetchInventory(id: string) { return { id, count: ${i} } }
async function loadSettings() { return { theme: 'dark' } }

export async function POST(request: Request) {
  const body = await request.json()
  const headersList = await headers()
  const userAgent = headersList.get('user-agent')
  const result = await ${work}({ where: { id: body.id } } as never)
  ${withAfter ? `after(async () => {\n    await ${effect}({ userAgent, id: body.id })\n  })` : `await ${effect}({ userAgent, id: body.id })`}
  return NextResponse.json({ ok: true, result })
}

export async function GET() {
  const items = await db.item.findMany({ take: ${10 + (i % 20)} })
  return NextResponse.json(items)
}
`;
}

function action(i, rnd) {
  const effect = SIDE_EFFECTS[Math.floor(rnd() * SIDE_EFFECTS.length)];
  return `'use server'
import { after } from 'next/server'
import { cookies } from 'next/headers'
import { revalidatePath } from 'next/cache'
import { ${effect} } from '@/lib/h${i % 400}'
import { db } from '@/lib/db'

export async function save${i}(formData: FormData) {
  const name = String(formData.get('name'))
  const record = await db.record.create({ data: { name } })
  ${rnd() < 0.5 ? `await ${effect}({ id: record.id })` : `after(() => ${effect}({ id: record.id }))`}
  const store = await cookies()
  store.set('last', String(record.id))
  revalidatePath('/records')
  return record
}
`;
}

function page(i, rnd) {
  const bad = rnd() < 0.3;
  return `import { after } from 'next/server'
import { headers } from 'next/headers'
import { recordVisit } from '@/lib/h${i % 400}'
import { db } from '@/lib/db'

export async function generateMetadata() {
  return { title: 'Page ${i}' }
}

export default async function Page${i}({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const item = await db.item.findUnique({ where: { id } })
  ${bad ? `after(async () => {\n    const ua = (await headers()).get('user-agent')\n    await recordVisit({ id, ua })\n  })` : `const ua = (await headers()).get('user-agent')\n  after(() => recordVisit({ id, ua }))`}
  return <article data-id={id}>{item?.title}</article>
}
`;
}

function helper(i) {
  return SIDE_EFFECTS.map((name) => `export async function ${name}(entry: Record<string, unknown>): Promise<void> {\n  await fetch('https://collector.example.com/${i}', { method: 'POST', body: JSON.stringify(entry) })\n}\n`).join('\n');
}

/** A 2,000-line Route Handler file: many helpers and handlers, some with findings. */
export function bigRouteFile(lines = 2000) {
  let text = "import { NextResponse, after } from 'next/server'\nimport { headers, cookies } from 'next/headers'\n\n";
  for (let n = 0; text.split('\n').length < lines - 12; n++) {
    text += `async function logStep${n}(step: number): Promise<void> {\n  await fetch('https://log.example.com/' + step)\n}\n\nasync function compute${n}(input: number) {\n  const doubled = input * 2\n  if (doubled > ${n}) {\n    return doubled - ${n}\n  }\n  return doubled + ${n}\n}\n\n`;
  }
  text += "export async function POST(request: Request) {\n  const body = await request.json()\n  const value = await compute0(body.n)\n  await logStep0(value)\n  after(async () => {\n    await logStep1(value)\n  })\n  return NextResponse.json({ value })\n}\n";
  return text;
}

export function writeCorpus(root, { files = 2000, seed = 42 } = {}) {
  rmSync(root, { recursive: true, force: true });
  const rnd = random(seed);
  const write = (path, text) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('package.json', JSON.stringify({ name: 'bench-corpus', private: true, dependencies: { next: '15.3.0' } }));
  write('tsconfig.json', JSON.stringify({ compilerOptions: { strict: true, jsx: 'preserve', module: 'esnext', moduleResolution: 'bundler', skipLibCheck: true, noEmit: true, paths: { '@/*': ['./*'] } }, include: ['**/*.ts', '**/*.tsx'] }));
  write('lib/db.ts', 'export const db: any = {}\n');
  write('app/api/big/route.ts', bigRouteFile());
  let count = 2;
  for (let h = 0; h < 400; h++, count++) write(`lib/h${h}.ts`, helper(h));
  for (let i = 0; count < files; i++, count++) {
    const kind = i % 3;
    if (kind === 0) write(`app/api/r${i}/route.ts`, route(i, rnd));
    else if (kind === 1) write(`app/actions/a${i}.ts`, action(i, rnd));
    else write(`app/p${i}/page.tsx`, page(i, rnd));
  }
  return count;
}
