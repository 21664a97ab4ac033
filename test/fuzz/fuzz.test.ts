import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { rules } from '../../server/src/analysis';
import type { Rule } from '../../server/src/analysis';
import { loadSeeds, runFuzz } from './harness';

const root = join(__dirname, '..', '..', '..');

test('a short seeded fuzz pass: no crash, no broken fix, no slow rule', () => {
  const report = runFuzz({ count: 300, seed: 20261123, seeds: loadSeeds(root), largeEvery: 150 });
  assert.equal(report.inputs, 300);
  assert.equal(report.largeInputs, 2);
  assert.ok(report.fixesChecked > 0, 'some fixes were exercised');
  assert.deepEqual(report.failures.map((failure) => `${failure.kind}: ${failure.detail}`), []);
});

test('the harness reports a rule that throws', () => {
  const throwing: Rule = {
    meta: { id: 'throws', description: 'test', defaultSeverity: 'error', fixable: false },
    check() {
      throw new Error('boom');
    },
  };
  const report = runFuzz({ count: 3, seed: 1, seeds: [{ path: 'a.ts', text: 'export const a = 1' }], rules: [throwing, ...rules] });
  assert.equal(report.crashes, 3);
});

test('the harness reports a fix that breaks the syntax', () => {
  const breaking: Rule = {
    meta: { id: 'breaks', description: 'test', defaultSeverity: 'error', fixable: true },
    check({ report }) {
      report({ start: 0, end: 0, message: 'x', fix: { title: 'break', edits: [{ start: 0, end: 0, text: '((' }] } });
    },
  };
  // Mutations often break the input already (then the engine withholds such fixes): some inputs stay valid.
  const report = runFuzz({ count: 40, seed: 1, seeds: [{ path: 'a.ts', text: 'export const a = 1\nexport const b = [1, 2]\n' }], rules: [breaking] });
  assert.ok(report.brokenFixes >= 1, `${report.brokenFixes} broken fixes reported`);
});
