import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CodeActionParams, Diagnostic } from 'vscode-languageserver';
import { analyzeFile, fixAll, type AnalysisInput } from '../../server/src/analysis';
import type { AnalysedDocument } from '../../server/src/lsp/analyse';
import { codeActionsFor, type FixAllOutput } from '../../server/src/lsp/codeActions';
import { toDiagnostic } from '../../server/src/lsp/diagnostics';

/** Fix-all in this thread, as the worker runs it (without other files: these tests need none). */
const fixAllHere: FixAllOutput = async (analysed, rule) => fixAll(analysed.input, rule ? (finding) => finding.rule === rule : undefined).output;

/** A Route Handler with three fixable problems of two rules, written with CRLF line breaks. */
const ROUTE = [
  "import { after } from 'next/server';",
  '',
  'export async function POST() {',
  '  await after(() => console.log(1));',
  '  after(send());',
  '  after(flush());',
  '  return Response.json({ ok: "✓ 😀" });',
  '}',
  '',
].join('\r\n');

function analysed(text: string, version = 3): { analysed: AnalysedDocument; diagnostics: Diagnostic[] } {
  const document = TextDocument.create('file:///ws/app/api/route.ts', 'typescript', version, text);
  const input: AnalysisInput = { text, appRelativePath: 'app/api/route.ts' };
  const findings = analyzeFile(input).findings;
  return { analysed: { document, input, findings }, diagnostics: findings.map((finding, index) => toDiagnostic(document, finding, index)) };
}

function request(diagnostics: Diagnostic[], only?: string[], range = diagnostics[0]?.range): CodeActionParams {
  return { textDocument: { uri: 'file:///ws/app/api/route.ts' }, range: range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics, only } };
}

function apply(document: TextDocument, action: CodeAction | undefined): string {
  assert.ok(action?.edit?.changes, 'an action with an edit');
  return TextDocument.applyEdits(document, Object.values(action.edit.changes)[0]!);
}

describe('code actions from the stored findings', () => {
  const { analysed: route, diagnostics } = analysed(ROUTE);

  test('diagnostics carry what the code action needs', async () => {
    assert.deepEqual(diagnostics.map((d) => [d.code, d.source, d.data]), [
      ['await-after', 'next-after-lint', { rule: 'await-after', version: 3, index: 0 }],
      ['after-non-callback', 'next-after-lint', { rule: 'after-non-callback', version: 3, index: 1 }],
      ['after-non-callback', 'next-after-lint', { rule: 'after-non-callback', version: 3, index: 2 }],
    ]);
    assert.deepEqual(diagnostics[0]!.range, { start: { line: 3, character: 2 }, end: { line: 3, character: 35 } });
  });

  test('source.fixAll is one edit of the changed region, and gives fixAll output on a CRLF file', async () => {
    const [action, ...rest] = (await codeActionsFor(request([], ['source.fixAll']), route, fixAllHere));
    assert.equal(rest.length, 0);
    assert.equal(action?.kind, 'source.fixAll.nextAfterLint');
    const edits = Object.values(action!.edit!.changes!)[0]!;
    assert.equal(edits.length, 1);
    assert.equal(edits[0]!.range.start.line, 3, 'the unchanged start is left alone');
    assert.equal(edits[0]!.range.end.line, 5, 'the unchanged end is left alone');
    assert.equal(apply(route.document, action), fixAll(route.input).output);
    assert.ok(!apply(route.document, action).replace(/\r\n/g, '').includes('\n'), 'CRLF stays CRLF');
  });

  test('a quick-fix per diagnostic, preferred, and "fix all" for a rule with several', async () => {
    const actions = (await codeActionsFor(request([diagnostics[1]!], ['quickfix']), route, fixAllHere));
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred]), [
      [actions[0]!.title, 'quickfix', true],
      ['Fix all after-non-callback problems in this file', 'quickfix', undefined],
    ]);
    const fixedOne = apply(route.document, actions[0]);
    assert.ok(fixedOne.includes('after(() => send());') && fixedOne.includes('after(flush());'));
    const fixedRule = apply(route.document, actions[1]);
    assert.ok(fixedRule.includes('after(() => flush());') && fixedRule.includes('await after('));
    assert.equal((await codeActionsFor(request([diagnostics[0]!], ['quickfix']), route, fixAllHere)).length, 1, 'a single await-after gets no fix-all of its own');
    assert.deepEqual((await codeActionsFor(request([diagnostics[0]!]), route, fixAllHere)).map((a) => a.kind), ['quickfix', 'source.fixAll.nextAfterLint'], 'no `only`: every kind');
  });

  test('stale, foreign and out-of-range diagnostics get no fix, and nothing throws', async () => {
    const stale = { ...diagnostics[0]!, data: { rule: 'await-after', version: 2, index: 0 } };
    const foreign = { ...diagnostics[0]!, source: 'eslint', data: 'x' };
    const wrongIndex = { ...diagnostics[0]!, data: { rule: 'await-after', version: 3, index: 99 } };
    const far = { start: { line: 9999, character: 9999 }, end: { line: -1, character: -4 } };
    assert.deepEqual((await codeActionsFor(request([stale, foreign, wrongIndex], ['quickfix'], far), route, fixAllHere)), []);
    assert.equal((await codeActionsFor(request([{ ...diagnostics[0]!, range: far }], ['quickfix'], far), route, fixAllHere)).length, 1, 'the stored fix, wherever the client says the diagnostic is');
  });

  test('a file without fixable findings offers nothing', async () => {
    const { analysed: clean } = analysed("export async function GET() {\r\n  return Response.json({})\r\n}\r\n");
    assert.deepEqual((await codeActionsFor(request([], ['source.fixAll.nextAfterLint']), clean, fixAllHere)), []);
  });
});

describe('a fix that needs a review', () => {
  /** Two blocking side effects: the first passes an object the handler changes later (review), the second is safe. */
  const REVIEW_ROUTE = [
    "import { after } from 'next/server'",
    'declare function auditOrder(order: { status: string }): Promise<void>',
    'declare function logOrder(id: string): Promise<void>',
    'export async function POST() {',
    "  const order = { status: 'new' }",
    '  await auditOrder(order)',
    "  await logOrder('o1')",
    "  order.status = 'paid'",
    '  return Response.json(order)',
    '}',
    '',
  ].join('\n');
  const { analysed: route, diagnostics } = analysed(REVIEW_ROUTE);

  test('is offered as a quick-fix whose title says what to check, and is not the preferred action', async () => {
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line]), [['blocking-side-effect', 5], ['blocking-side-effect', 6]]);
    const [review] = (await codeActionsFor(request([diagnostics[0]!], ['quickfix']), route, fixAllHere));
    assert.match(review!.title, /^Move into after\(\) \(review: `order` reads an object this function changes later/);
    assert.equal(review!.isPreferred, undefined);
    assert.ok(apply(route.document, review).includes('after(async () => {\n    await auditOrder(order)\n  })'));
    const [safe] = (await codeActionsFor(request([diagnostics[1]!], ['quickfix']), route, fixAllHere));
    assert.deepEqual([safe!.title, safe!.isPreferred], ['Move into after()', true]);
  });

  test('is left out of fix-all on save and of "fix all" of its rule', async () => {
    const [fixAllAction] = (await codeActionsFor(request([], ['source.fixAll']), route, fixAllHere));
    const fixed = apply(route.document, fixAllAction);
    assert.ok(fixed.includes('  await auditOrder(order)\n') && fixed.includes("after(async () => {\n    await logOrder('o1')\n  })"), fixed);
    const titles = (await codeActionsFor(request(diagnostics, ['quickfix']), route, fixAllHere)).map((action) => action.title);
    assert.ok(!titles.some((title) => title.startsWith('Fix all')), 'one automatic fix of the rule: no "fix all" of it');
    const onlyReview = analysed(REVIEW_ROUTE.replace("  await logOrder('o1')\n", ''));
    assert.deepEqual((await codeActionsFor(request([], ['source.fixAll']), onlyReview.analysed, fixAllHere)), [], 'nothing for fix-all to apply');
  });
});
