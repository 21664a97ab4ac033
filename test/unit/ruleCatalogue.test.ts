import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ruleDocUrl, rules } from '../../server/src/analysis';

const root = join(__dirname, '..', '..', '..');

/** The rule ids of ../shared/spec/rules.md: public names that must never change. */
const CONTRACT_IDS = [
  'request-api-in-after',
  'response-mutation-in-after',
  'after-in-client-module',
  'after-in-pages-router',
  'after-outside-request',
  'after-non-callback',
  'await-after',
  'unstable-after',
  'after-unavailable',
  'floating-promise-in-after',
  'blocking-side-effect',
  'floating-side-effect',
  'prefer-after-over-waituntil',
];

test('the registry holds exactly the rules of the contract', () => {
  assert.deepEqual(rules.map((rule) => rule.meta.id).sort(), [...CONTRACT_IDS].sort());
});

test('every rule has a doc page named after its id, and the diagnostic links to it', () => {
  for (const rule of rules) {
    const page = join(root, 'docs', 'rules', `${rule.meta.id}.md`);
    assert.ok(existsSync(page), `docs/rules/${rule.meta.id}.md exists`);
    assert.match(readFileSync(page, 'utf8'), new RegExp(`^# \`${rule.meta.id}\``), 'the page is titled with the id');
    assert.ok(ruleDocUrl(rule.meta.id).endsWith(`/docs/rules/${rule.meta.id}.md`));
  }
});

test('every rule has a table of cases', () => {
  for (const rule of rules) {
    assert.ok(existsSync(join(root, 'test', 'unit', 'rules', `${rule.meta.id}.test.ts`)), `test/unit/rules/${rule.meta.id}.test.ts exists`);
  }
});

test('the manifest lists every rule under nextAfterLint.rules', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const properties = manifest.contributes?.configuration?.properties?.['nextAfterLint.rules']?.properties ?? {};
  assert.deepEqual(Object.keys(properties).sort(), [...CONTRACT_IDS].sort());
});
