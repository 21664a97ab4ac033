import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { rules } from '../../server/src/analysis';
import type { Rule } from '../../server/src/analysis';
import { loadSeeds, runFuzz } from './harness';

const root = join(__dirname, '..', '..', '..');

test('a short seeded fuzz pass: no crash, no broken fix, no slow rule, no fix that breaks types or behaviour', async () => {
  const report = await runFuzz({ count: 300, seed: 20261123, seeds: loadSeeds(root), largeEvery: 150, typedEvery: 15 });
  assert.equal(report.inputs, 300);
  assert.equal(report.largeInputs, 2);
  assert.equal(report.typedInputs, 20);
  assert.ok(report.fixesChecked > 0, 'some fixes were exercised');
  assert.ok(report.typeCleanInputs >= 15 && report.typeCheckedFixes > 50, `generated handlers type-check and their fixes are checked: ${JSON.stringify(report)}`);
  assert.ok(report.behaviourChecked >= 15, 'and run before and after fix-all');
  assert.deepEqual(report.failures.map((failure) => `${failure.kind}: ${failure.detail}`), []);
});

test('the harness reports a rule that throws', async () => {
  const throwing: Rule = {
    meta: { id: 'throws', description: 'test', defaultSeverity: 'error', fixable: false },
    check() {
      throw new Error('boom');
    },
  };
  const report = await runFuzz({ count: 3, seed: 1, seeds: [{ path: 'a.ts', text: 'export const a = 1' }], rules: [throwing, ...rules] });
  assert.equal(report.crashes, 3);
});

test('the harness reports a fix that breaks the syntax', async () => {
  const breaking: Rule = {
    meta: { id: 'breaks', description: 'test', defaultSeverity: 'error', fixable: true },
    check({ report }) {
      report({ start: 0, end: 0, message: 'x', fix: { title: 'break', edits: [{ start: 0, end: 0, text: '((' }] } });
    },
  };
  // Mutations often break the input already (then the engine withholds such fixes): some inputs stay valid.
  const report = await runFuzz({ count: 40, seed: 1, seeds: [{ path: 'a.ts', text: 'export const a = 1\nexport const b = [1, 2]\n' }], rules: [breaking] });
  assert.ok(report.brokenFixes >= 1, `${report.brokenFixes} broken fixes reported`);
});

test('the harness reports a fix that adds a TypeScript diagnostic to a generated handler', async () => {
  const mistyped: Rule = {
    meta: { id: 'mistyped', description: 'test', defaultSeverity: 'error', fixable: true },
    check({ facts, report }) {
      const at = facts.text.indexOf('  return ');
      report({ start: at, end: at, message: 'x', fix: { title: 'mistype', edits: [{ start: at, end: at, text: "  const wrong: number = 'a'\n" }] } });
    },
  };
  const report = await runFuzz({ count: 4, seed: 1, seeds: [{ path: 'a.ts', text: 'export const a = 1' }], rules: [mistyped], typedEvery: 1 });
  assert.equal(report.typedInputs, 4);
  assert.ok(report.typeBreakingFixes >= 1, `${report.typeBreakingFixes} type-breaking fixes reported`);
  assert.ok(report.failures.some((failure) => failure.kind === 'type-breaking-fix' && failure.detail.includes('TS2322')));
});

test('the harness reports a fix-all that changes what a generated handler logs', async () => {
  const report = await runFuzz({
    count: 4,
    seed: 1,
    seeds: [{ path: 'a.ts', text: 'export const a = 1' }],
    typedEvery: 1,
    fixAll: ({ text }) => ({ output: text.replace('  return ', "  void logEvent({ injected: true })\n  return ") }),
  });
  assert.ok(report.behaviourChecked >= 1 && report.behaviourChanges === report.behaviourChecked, JSON.stringify(report));
});
