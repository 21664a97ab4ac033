import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Linter, RuleTester } from 'eslint';
import type { Finding, RuleMeta } from '../../../server/src/analysis/types';
import { eslintRule, SharedAnalysis } from '../../../server/src/eslint/eslintRule';

RuleTester.describe = describe;
RuleTester.it = test;
RuleTester.itOnly = test.only;

const meta = (id: string): RuleMeta => ({ id, description: `${id} rule`, defaultSeverity: 'warning', fixable: true });
const CODE = 'const a = 1;\nconst b = 2;\n';

/** Engine findings as the adapter receives them: one fix safe for --fix, one that asks for a review. */
const FINDINGS: Finding[] = [
  { rule: 'safe', severity: 'warning', message: 'a is one', start: 6, end: 7, fix: { title: 'Rename a', edits: [{ start: 6, end: 7, text: 'first' }] } },
  { rule: 'reviewed', severity: 'warning', message: 'b is two', start: 19, end: 20, fix: { title: 'Rename b', review: 'Check that nothing else reads b.', edits: [{ start: 19, end: 20, text: 'second' }, { start: 23, end: 24, text: '3' }] } },
];

function pluginOf(ids: string[], analyse: (ruleIds: ReadonlySet<string>) => readonly Finding[]) {
  const shared = new SharedAnalysis((_context, ruleIds) => analyse(ruleIds));
  return { rules: Object.fromEntries(ids.map((id) => [id, eslintRule(meta(id), shared)])) };
}

describe('an engine rule as an ESLint rule', () => {
  const plugin = pluginOf(['safe', 'reviewed'], () => FINDINGS);

  new RuleTester().run('fix without a review: an ESLint fix', plugin.rules.safe!, {
    valid: [],
    invalid: [{ code: CODE, errors: [{ message: 'a is one', line: 1, column: 7, endLine: 1, endColumn: 8, suggestions: [] }], output: 'const first = 1;\nconst b = 2;\n' }],
  });

  new RuleTester().run('fix with a review: a suggestion, never applied by --fix', plugin.rules.reviewed!, {
    valid: [],
    invalid: [{ code: CODE, errors: [{ message: 'b is two', line: 2, column: 7, suggestions: [{ desc: 'Rename b', output: 'const a = 1;\nconst second = 3;\n' }] }], output: null }],
  });
});

test('all enabled rules of one lint share one engine run, which knows which rules are on', () => {
  const runs: string[][] = [];
  const plugin = pluginOf(['safe', 'reviewed', 'idle'], (ruleIds) => {
    runs.push([...ruleIds].sort());
    return FINDINGS;
  });
  const linter = new Linter();
  const config = (idle: 'off' | 'warn'): Linter.Config => ({ plugins: { t: plugin }, rules: { 't/safe': 'error', 't/reviewed': 'warn', 't/idle': idle } });
  const messages = linter.verify(CODE, config('off'));
  assert.deepEqual(runs, [['reviewed', 'safe']]);
  assert.deepEqual(messages.map((m) => `${m.ruleId}:${m.severity}:${m.message}`), ['t/safe:2:a is one', 't/reviewed:1:b is two'], 'each rule reports its own findings, at its configured severity');
  linter.verify(CODE, config('warn'));
  assert.deepEqual(runs, [['reviewed', 'safe'], ['idle', 'reviewed', 'safe']], 'a new lint is a new run');
});
