import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeFile } from '../../server/src/analysis';

test('a file with a syntax error is analysed and its errors listed', () => {
  const result = analyzeFile({ text: 'export default function Page() { return <div>; }', appRelativePath: 'app/page.tsx' });
  assert.ok(result.syntaxErrors.length > 0);
  assert.deepEqual(result.ruleFailures, []);
});
