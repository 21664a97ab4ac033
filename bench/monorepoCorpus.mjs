// A seeded pnpm monorepo for `npm run bench`: an app and workspace packages written the way real
// ones are (barrels, path aliases, an extended tsconfig, a catalog), with import chains five deep.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { random } from './corpus.mjs';

const SECTIONS = ['billing', 'projects', 'members', 'domains', 'reports', 'settings', 'webhooks', 'usage'];
const EVENTS = ['signup', 'upgrade', 'invite', 'export', 'login_failed', 'domain_added'];

/** Ordinary code that every file has plenty of: what the parser spends its time on. */
function filler(rnd, name, count) {
  let text = '';
  for (let n = 0; n < count; n++) {
    const size = 2 + Math.floor(rnd() * 6);
    text += `export interface ${name}Row${n} {\n${Array.from({ length: size }, (_, f) => `  field${f}: ${f % 3 === 0 ? 'string' : f % 3 === 1 ? 'number' : 'boolean | null'}\n`).join('')}}\n\n`;
    text += `export function ${name.toLowerCase()}Transform${n}(rows: ${name}Row${n}[], limit = ${10 + n}) {\n  const seen = new Set<string>()\n  const result: ${name}Row${n}[] = []\n  for (const row of rows) {\n    const key = String(row.field0)\n    if (seen.has(key)) continue\n    seen.add(key)\n    if (result.length >= limit) break\n    result.push({ ...row })\n  }\n  return result.sort((a, b) => String(a.field0).localeCompare(String(b.field0)))\n}\n\n`;
  }
  return text;
}

function component(rnd, name, client) {
  const items = 3 + Math.floor(rnd() * 5);
  return `${client ? "'use client'\n\n" : ''}import { useMemo } from 'react'
import { cn } from '@bench/utils'

export interface ${name}Props {
  title: string
  items: { id: string; label: string; value: number }[]
  compact?: boolean
}

export function ${name}({ title, items, compact = false }: ${name}Props) {
  const total = useMemo(() => items.reduce((sum, item) => sum + item.value, 0), [items])
  return (
    <section className={cn('rounded border p-4', compact && 'p-2')}>
      <header className="flex items-center justify-between">
        <h2 className="text-lg font-semibold">{title}</h2>
        <span className="text-sm text-muted">{total}</span>
      </header>
      <ul className="mt-2 space-y-1">
${Array.from({ length: items }, (_, n) => `        {items.slice(${n}, ${n + 1}).map((item) => (\n          <li key={item.id} className="flex justify-between">\n            <span>{item.label}</span>\n            <span>{item.value.toFixed(${n % 3})}</span>\n          </li>\n        ))}\n`).join('')}      </ul>
    </section>
  )
}
`;
}

/** Writes the monorepo; returns how many source files it holds. */
export function writeMonorepoCorpus(root, { files = 3200, seed = 7 } = {}) {
  rmSync(root, { recursive: true, force: true });
  const rnd = random(seed);
  let count = 0;
  const write = (path, text) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
    if (/\.(ts|tsx)$/.test(path)) count++;
  };
  const pick = (list) => list[Math.floor(rnd() * list.length)];

  write('package.json', JSON.stringify({ name: 'bench-monorepo', private: true }));
  write('pnpm-workspace.yaml', "packages:\n  - 'apps/*'\n  - 'packages/*'\ncatalog:\n  next: 15.3.2\n  react: 19.1.0\n");
  write('packages/tsconfig/package.json', JSON.stringify({ name: '@bench/tsconfig', private: true }));
  write('packages/tsconfig/nextjs.json', JSON.stringify({ compilerOptions: { target: 'ES2022', lib: ['dom', 'esnext'], module: 'esnext', moduleResolution: 'bundler', jsx: 'preserve', strict: true, skipLibCheck: true, noEmit: true } }));
  const pkg = (name, extra = {}) => JSON.stringify({ name: `@bench/${name}`, version: '1.0.0', main: './dist/index.js', types: './dist/index.d.ts', ...extra });

  // @bench/utils: a barrel over many small modules.
  write('packages/utils/package.json', pkg('utils'));
  write('packages/utils/tsconfig.json', JSON.stringify({ extends: '@bench/tsconfig/nextjs.json', include: ['src'] }));
  const utils = [];
  for (let n = 0; n < 260; n++) {
    utils.push(`u${n}`);
    write(`packages/utils/src/u${n}.ts`, `export const UTIL_${n}_VERSION = ${n}\n\n${filler(rnd, `Util${n}`, 3 + (n % 4))}`);
  }
  write('packages/utils/src/cn.ts', "export function cn(...parts: (string | false | null | undefined)[]) {\n  return parts.filter(Boolean).join(' ')\n}\n");
  write('packages/utils/src/index.ts', `export * from './cn'\n${utils.map((name) => `export * from './${name}'`).join('\n')}\n`);

  // @bench/analytics: async capture functions and an SDK client, behind two barrels.
  write('packages/analytics/package.json', pkg('analytics', { exports: { '.': { types: './dist/index.d.ts', import: './dist/index.mjs' }, './events': './src/events/index.ts' } }));
  write('packages/analytics/src/client.ts', "import { PostHog } from 'posthog-node'\n\nexport const posthog = new PostHog(process.env.POSTHOG_KEY ?? '')\n");
  for (const event of EVENTS) {
    const name = event.replace(/_(\w)/g, (_, c) => c.toUpperCase());
    write(`packages/analytics/src/events/${event}.ts`, `import { posthog } from '../client'\n\nexport async function capture${name[0].toUpperCase()}${name.slice(1)}(userId: string, properties: Record<string, unknown> = {}) {\n  posthog.capture({ distinctId: userId, event: '${event}', properties })\n  await posthog.flush()\n}\n\n${filler(rnd, `Event${name}`, 2)}`);
  }
  write('packages/analytics/src/events/index.ts', EVENTS.map((event) => `export * from './${event}'`).join('\n') + '\n');
  write('packages/analytics/src/index.ts', "export * from './events'\nexport { posthog as analyticsClient } from './client'\n");
  for (let n = 0; n < 120; n++) write(`packages/analytics/src/reports/r${n}.ts`, filler(rnd, `Report${n}`, 4));

  // @bench/email: a Resend client and templates.
  write('packages/email/package.json', pkg('email', { exports: { '.': './src/index.ts', './templates/*': './src/templates/*.tsx' } }));
  write('packages/email/src/client.ts', "import { Resend } from 'resend'\n\nexport const mailer = new Resend(process.env.RESEND_API_KEY)\n");
  write('packages/email/src/index.ts', "export { mailer } from './client'\n");
  for (let n = 0; n < 180; n++) write(`packages/email/src/templates/t${n}.tsx`, component(rnd, `EmailTemplate${n}`, false));

  // @bench/auth: helpers, some of which read cookies() inside after(); five hops from the pages.
  write('packages/auth/package.json', pkg('auth', { exports: { '.': './src/index.ts', './views': './src/views/index.ts' } }));
  write('packages/auth/src/views/track.ts', "import { after } from 'next/server'\nimport { cookies } from 'next/headers'\n\nexport function trackView(path: string) {\n  after(async () => {\n    const store = await cookies()\n    console.log('view', path, store.get('session')?.value)\n  })\n}\n");
  write('packages/auth/src/views/index.ts', "export * from './track'\n");
  write('packages/auth/src/session.ts', "import { cookies } from 'next/headers'\n\nexport async function getSession() {\n  const store = await cookies()\n  return store.get('session')?.value ?? null\n}\n");
  write('packages/auth/src/index.ts', "export * from './session'\n");
  for (let n = 0; n < 100; n++) write(`packages/auth/src/policies/p${n}.ts`, filler(rnd, `Policy${n}`, 4));

  // @bench/ui: client components behind a barrel.
  write('packages/ui/package.json', pkg('ui', { exports: { '.': './src/index.tsx' } }));
  const ui = [];
  for (let n = 0; n < 220; n++) {
    ui.push(`Widget${n}`);
    write(`packages/ui/src/widget${n}.tsx`, component(rnd, `Widget${n}`, true));
  }
  write('packages/ui/src/index.tsx', ui.map((name, n) => `export { ${name} } from './widget${n}'`).join('\n') + '\n');

  // The app: an extended tsconfig with paths, a barrel chain to the auth helper.
  write('apps/web/package.json', JSON.stringify({ name: '@bench/web', private: true, dependencies: { next: 'catalog:', react: 'catalog:', '@bench/analytics': 'workspace:*', '@bench/auth': 'workspace:*', '@bench/email': 'workspace:*', '@bench/ui': 'workspace:*', '@bench/utils': 'workspace:*' } }));
  write('apps/web/tsconfig.json', JSON.stringify({ extends: '@bench/tsconfig/nextjs.json', compilerOptions: { baseUrl: '.', paths: { '@/*': ['./*'] } }, include: ['**/*.ts', '**/*.tsx'] }));
  // page -> @/lib -> lib/views -> lib/views/track -> @bench/auth/views -> views/track: five imports deep.
  write('apps/web/lib/views/track.ts', "export { trackView } from '@bench/auth/views'\n");
  write('apps/web/lib/views/index.ts', "export * from './track'\n");
  write('apps/web/lib/db.ts', 'type Table = { findMany(args?: unknown): Promise<unknown[]>; create(args: unknown): Promise<{ id: string }> }\nexport const db: Record<string, Table> = {}\n');
  const libs = [];
  for (let n = 0; n < 150; n++) {
    libs.push(`l${n}`);
    write(`apps/web/lib/l${n}.ts`, `import { cn } from '@bench/utils'\n\nexport const LIB_${n} = cn('lib', '${n}')\n\n${filler(rnd, `Lib${n}`, 4)}`);
  }
  write('apps/web/lib/index.ts', `export * from './views'\n${libs.map((name) => `export * from './${name}'`).join('\n')}\n`);
  for (let n = 0; n < 260; n++) write(`apps/web/components/c${n}.tsx`, component(rnd, `AppCard${n}`, n % 2 === 0));

  const remaining = () => files - count;
  for (let i = 0; remaining() > 0; i++) {
    const section = SECTIONS[i % SECTIONS.length];
    const kind = i % 4;
    const widget = pick(ui);
    const event = pick(EVENTS).replace(/_(\w)/g, (_, c) => c.toUpperCase());
    const capture = `capture${event[0].toUpperCase()}${event.slice(1)}`;
    if (kind === 0) {
      const tracked = rnd() < 0.3;
      write(
        `apps/web/app/(dashboard)/${section}/p${i}/page.tsx`,
        `import { getSession } from '@bench/auth'\nimport { ${widget} } from '@bench/ui'\nimport { AppCard${i % 260} } from '@/components/c${i % 260}'\nimport { db } from '@/lib/db'\n${tracked ? "import { trackView } from '@/lib'\n" : ''}\nexport default async function Page${i}({ params }: { params: Promise<{ id: string }> }) {\n  const { id } = await params\n  const session = await getSession()\n  const rows = await db.${section}.findMany({ where: { id, session } })\n${tracked ? `  trackView('/${section}/' + id)\n` : ''}  return (\n    <main>\n      <${widget} title="${section} ${i}" items={[]} />\n      <AppCard${i % 260} title="Rows" items={rows as never} compact />\n    </main>\n  )\n}\n\n${filler(rnd, `Page${i}`, 3)}`,
      );
    } else if (kind === 1) {
      const awaited = rnd() < 0.5;
      write(
        `apps/web/app/api/${section}/r${i}/route.ts`,
        `import { NextResponse } from 'next/server'\nimport { ${capture} } from '@bench/analytics'\nimport { mailer } from '@bench/email'\nimport { db } from '@/lib/db'\n\nexport async function POST(request: Request) {\n  const body = await request.json()\n  const record = await db.${section}.create({ data: body })\n  ${awaited ? `await ${capture}(record.id, { section: '${section}' })` : `${capture}(record.id, { section: '${section}' })`}\n  if (body.notify) {\n    await mailer.emails.send({ from: 'bench@example.com', to: body.email, subject: 'Updated' })\n  }\n  return NextResponse.json({ id: record.id })\n}\n\nexport async function GET() {\n  const rows = await db.${section}.findMany({ take: ${10 + (i % 40)} })\n  return NextResponse.json(rows)\n}\n\n${filler(rnd, `Route${i}`, 3)}`,
      );
    } else if (kind === 2) {
      write(
        `apps/web/app/actions/${section}-a${i}.ts`,
        `'use server'\nimport { after } from 'next/server'\nimport { ${capture} } from '@bench/analytics/events'\nimport { getSession } from '@bench/auth'\nimport { db } from '@/lib/db'\n\nexport async function update${i}(formData: FormData) {\n  const session = await getSession()\n  const record = await db.${section}.create({ data: { name: String(formData.get('name')), session } })\n  after(() => ${capture}(record.id))\n  return record\n}\n\n${filler(rnd, `Action${i}`, 2)}`,
      );
    } else {
      write(`apps/web/app/(dashboard)/${section}/p${i}/loading.tsx`, `export default function Loading() {\n  return <p>Loading ${section}...</p>\n}\n`);
    }
  }
  return count;
}
