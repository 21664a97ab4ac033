import assert from 'node:assert/strict';
import { test } from 'node:test';
import ts from 'typescript';
import { isInComment } from '../../../server/src/analysis/assist/nodeAt';
import { withCursor } from './cursor';

test('isInComment: line, block and JSDoc comments, before punctuation and at the end of the file', () => {
  const cases: [string, boolean][] = [
    ['const a = 1 // here‸\n', true],
    ['const a = 1 // here\n‸', false],
    ['function f() {\n  /* in‸side */ }\n', true],
    ['function f() {\n  /* done */‸ }\n', false],
    ['/** doc‸ */\nexport function f() {}\n', true],
    ['function f() {\n  // before the brace‸\n}\n', true],
    ['const a = 1\n// last line‸', true],
    ['const a‸ = 1\n', false],
    ["const s = '// not a comment‸'\n", false],
  ];
  for (const [source, expected] of cases) {
    const { text, offset } = withCursor(source);
    const sourceFile = ts.createSourceFile('f.ts', text, ts.ScriptTarget.Latest, true);
    assert.equal(isInComment(sourceFile, offset), expected, source);
  }
});
