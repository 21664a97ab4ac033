import * as ts from 'typescript';
import type { Random } from './random';

/** Fragments that stress the rules: half-typed `after` code, directives, unicode, stray brackets. */
const INSERTIONS = [
  'after(', 'after(() => ', 'await ', 'await after(', '{', '}', '(', ')', '=>', ';', ',', '<div>', '</div>', '`${',
  "'use client'\n", "'use server'\n", 'headers()', 'cookies().set(', 'redirect(', 'async ', 'export default ',
  "import { after } from 'next/server'\n", 'unstable_after', 'waitUntil(', 'void ', '.then(', '"', "'", '/*', '*/', '//',
  '\u{1F600}', '\u202E', '\u200B', '\uFEFF', 'é', '\u0000', '\r', '\r\n', '\n\n', 'export async function POST() {',
];

export type MutationName = 'delete-token' | 'insert' | 'truncate' | 'duplicate-block' | 'unicode' | 'crlf' | 'swap-tokens';

/** Start offsets of the tokens of `text`, from TypeScript's own scanner. */
function tokenStarts(text: string): number[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.JSX, text);
  const starts: number[] = [];
  while (scanner.scan() !== ts.SyntaxKind.EndOfFileToken && starts.length < 20000) starts.push(scanner.getTokenStart());
  return starts.length ? starts : [0];
}

export function mutate(text: string, random: Random): { name: MutationName; text: string } {
  const name = random.pick<MutationName>(['delete-token', 'insert', 'truncate', 'duplicate-block', 'unicode', 'crlf', 'swap-tokens']);
  const starts = tokenStarts(text);
  const at = random.pick(starts);
  switch (name) {
    case 'delete-token': {
      const index = starts.indexOf(at);
      const end = starts[index + 1 + random.int(3)] ?? text.length;
      return { name, text: text.slice(0, at) + text.slice(end) };
    }
    case 'insert':
      return { name, text: text.slice(0, at) + random.pick(INSERTIONS) + text.slice(at) };
    case 'truncate':
      return { name, text: text.slice(0, random.int(text.length + 1)) };
    case 'duplicate-block': {
      const end = Math.min(text.length, at + 1 + random.int(400));
      return { name, text: text.slice(0, end) + text.slice(at, end) + text.slice(end) };
    }
    case 'unicode':
      return { name, text: text.slice(0, at) + random.pick(['\u{1F680}', '\u00A0', '\u2028', '\u202E', 'ß', '\uD83D']) + text.slice(at) };
    case 'crlf':
      return { name, text: text.replace(/\r?\n/g, '\r\n') };
    case 'swap-tokens': {
      const other = random.pick(starts);
      const [a, b] = at < other ? [at, other] : [other, at];
      const aEnd = starts[starts.indexOf(a) + 1] ?? a;
      const bEnd = starts[starts.indexOf(b) + 1] ?? b;
      if (aEnd > b) return { name, text };
      return { name, text: text.slice(0, a) + text.slice(b, bEnd) + text.slice(aEnd, b) + text.slice(a, aEnd) + text.slice(bEnd) };
    }
  }
}

/** About `bytes` of real-looking code: the seeds repeated with renamed functions, for the huge-file case. */
export function generateLargeFile(seeds: readonly string[], bytes: number): string {
  let text = "import { after } from 'next/server'\nimport { headers } from 'next/headers'\n";
  for (let index = 0; text.length < bytes; index++) {
    const seed = seeds[index % seeds.length]!.replace(/^\s*(import|['"]use (client|server)['"]).*$/gm, '');
    text += seed.replace(/export default /g, '').replace(/function (\w+)/g, `function $1_${index}`) + '\n';
  }
  return text;
}
