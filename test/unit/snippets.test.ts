import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseErrors, parseSource } from '../../server/src/analysis/parse';

const root = join(__dirname, '..', '..', '..');

/** A snippet body with every placeholder replaced by its default text (or the first choice). */
function expand(body: string[]): string {
  return body
    .join('\n')
    .replace(/\$\{\d+\|([^,|]+)[^}]*\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');
}

test('every static snippet expands to code that parses, in the languages it is contributed for', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const perLanguage = new Map<string, number>();
  for (const { language, path } of manifest.contributes.snippets as { language: string; path: string }[]) {
    const snippets = JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, { prefix: string[]; body: string[] }>;
    perLanguage.set(language, (perLanguage.get(language) ?? 0) + Object.keys(snippets).length);
    for (const [name, snippet] of Object.entries(snippets)) {
      const extension = { typescript: 'ts', typescriptreact: 'tsx', javascript: 'js', javascriptreact: 'jsx' }[language]!;
      // A bare after() call is a statement inside a function body: wrap it for the parser.
      const code = name.includes('try/catch') ? `async function host() {\n${expand(snippet.body)}\n}\n` : expand(snippet.body);
      assert.deepEqual(parseErrors(parseSource(`snippet.${extension}`, code)).map((d) => d.messageText), [], `${name} (${language})`);
    }
  }
  // Route Handler, Server Action and try/catch everywhere; the Server Component one where JSX is allowed.
  assert.deepEqual(Object.fromEntries(perLanguage), { typescript: 3, typescriptreact: 4, javascript: 3, javascriptreact: 4 });
});
