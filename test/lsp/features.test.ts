import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, CompletionItem, Diagnostic, Hover, TextEdit } from 'vscode-languageserver-protocol';
import { makeWorkspace, ServerSession } from './serverProcess';

const ROUTE = [
  "import { NextResponse } from 'next/server';",
  '',
  'export const maxDuration = 20;',
  '',
  'export async function POST() {',
  '  await after(() => console.log(1));',
  '  after(send());',
  '  after(flush());',
  '  ',
  '  return NextResponse.json({});',
  '}',
  '',
].join('\n');

/** Applies LSP edits (non-overlapping) to a text. */
function applyLspEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (position: { line: number; character: number }): number =>
    lines.slice(0, position.line).reduce((sum, line) => sum + line.length + 1, 0) + position.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((result, edit) => result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end)), text);
}

describe('code actions, completion and hover over the protocol', () => {
  let session: ServerSession;
  let uri: string;
  let diagnostics: Diagnostic[];
  const text = ROUTE.replace("import { NextResponse } from 'next/server';", "import { NextResponse, after } from 'next/server';");
  before(async () => {
    session = new ServerSession(makeWorkspace({}));
    await session.initialize();
    uri = session.open('app/api/track/route.ts', text);
    diagnostics = await session.diagnosticsFor(uri, 1);
  });
  after(() => session.dispose());

  test('each fixable diagnostic gets a preferred quick-fix whose edit fixes it', async () => {
    assert.deepEqual(diagnostics.map((d) => d.code), ['await-after', 'after-non-callback', 'after-non-callback']);
    const awaitDiagnostic = diagnostics[0]!;
    const actions = (await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: awaitDiagnostic.range,
      context: { diagnostics: [awaitDiagnostic], only: ['quickfix'] },
    })) as CodeAction[];
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.title, 'Remove `await`');
    assert.equal(actions[0]!.isPreferred, true);
    const fixed = applyLspEdits(text, actions[0]!.edit!.changes![uri]!);
    assert.ok(fixed.includes('  after(() => console.log(1));'));
  });

  test('"fix all <rule> problems" and source.fixAll', async () => {
    const actions = (await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[1]!.range,
      context: { diagnostics: [diagnostics[1]] },
    })) as CodeAction[];
    const fixAllRule = actions.find((action) => action.title === 'Fix all after-non-callback problems in this file');
    assert.ok(fixAllRule, `offered: ${actions.map((a) => a.title).join(', ')}`);
    const ruleFixed = applyLspEdits(text, fixAllRule.edit!.changes![uri]!);
    assert.ok(ruleFixed.includes('after(() => send());') && ruleFixed.includes('after(() => flush());') && ruleFixed.includes('await after('));

    const [fixAll] = (await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.nextAfterLint'] },
    })) as CodeAction[];
    assert.equal(fixAll?.kind, 'source.fixAll.nextAfterLint');
    const allFixed = applyLspEdits(text, fixAll!.edit!.changes![uri]!);
    assert.ok(!allFixed.includes('await after(') && allFixed.includes('after(() => send());'));
  });

  test('completion offers the after snippet for a Route Handler with the import edit', async () => {
    const route = session.open('app/api/other/route.ts', ROUTE);
    await session.diagnosticsFor(route, 1);
    const items = (await session.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: route },
      position: { line: 8, character: 2 },
    })) as CompletionItem[];
    const item = items.find((candidate) => candidate.label === 'after');
    assert.ok(item, 'an after item');
    assert.equal(item.insertTextFormat, 2);
    assert.match(item.insertText!, /^after\(async \(\) => \{/);
    assert.deepEqual(item.additionalTextEdits, [{ range: { start: { line: 0, character: 21 }, end: { line: 0, character: 21 } }, newText: ', after' }]);
  });

  test('completion in a Server Component offers the hoisted form', async () => {
    const page = session.open('app/page.tsx', 'export default async function Page() {\n  \n  return <main />\n}\n');
    await session.diagnosticsFor(page, 1);
    const items = (await session.connection.sendRequest('textDocument/completion', { textDocument: { uri: page }, position: { line: 1, character: 2 } })) as CompletionItem[];
    const item = items.find((candidate) => candidate.label === 'after');
    assert.match(item?.insertText ?? '', /^const \$\{1:headersList\} = await headers\(\)\nafter\(async/);
    assert.deepEqual(item?.additionalTextEdits?.map((edit) => edit.newText), ["import { after } from 'next/server'\nimport { headers } from 'next/headers'\n"]);
  });

  test('hover over after() says where its callback runs', async () => {
    const hover = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 3 } })) as Hover;
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /Route Handler \(app\/api\/track\/route\.ts\)/);
    assert.match(value, /once the response has been sent/);
    assert.match(value, /`cookies\(\)` and `headers\(\)` may be read/);
    assert.match(value, /maxDuration` \(20 s\)/);
    const nothing = await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 3 } });
    assert.equal(nothing, null);
  });
});
