import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { Linter, RuleTester } from 'eslint';
import { parser as typescriptParser } from 'typescript-eslint';
import { applyEdits, fixesAddingTakenNames, ruleById } from '../../../server/src/analysis';
import type { Finding, TextEdit } from '../../../server/src/analysis/types';
import { createPlugin, PLUGIN_NAMESPACE } from '../../../server/src/eslint/plugin';
import { caseAppRoot, type InvalidCase, type RuleCase } from './ruleTester';

RuleTester.describe = describe;
RuleTester.it = test;
RuleTester.itOnly = test.only;

/** One plugin per test process, as one per ESLint process: its project index sees every case. */
const plugin = createPlugin();

/**
 * Where a case's `path` lives on disk: the plugin finds the app and its Next.js version from the
 * linted file's name, as in a real project. One folder per Next.js version and cron list, made on
 * first use (a package.json and maybe a vercel.json); the cases' own files are never written.
 */
const apps = new Map<string, string>();
let scratch: string | undefined;

function appRootFor(testCase: RuleCase): string {
  if (testCase.files) return caseAppRoot(testCase);
  const key = JSON.stringify([testCase.nextVersion ?? null, testCase.cronPaths ?? null]);
  let root = apps.get(key);
  if (root) return root;
  if (!scratch) {
    const made = mkdtempSync(join(tmpdir(), 'nal-eslint-tables-'));
    process.on('exit', () => rmSync(made, { recursive: true, force: true }));
    scratch = made;
  }
  root = join(scratch, `app-${apps.size}`);
  mkdirSync(root);
  // `latest` is no version: the engine then assumes the newest, as for a case without nextVersion.
  writeFileSync(join(root, 'package.json'), JSON.stringify({ private: true, dependencies: { next: testCase.nextVersion ?? 'latest' } }));
  if (testCase.cronPaths) writeFileSync(join(root, 'vercel.json'), JSON.stringify({ crons: testCase.cronPaths.map((path) => ({ path, schedule: '0 5 * * *' })) }));
  apps.set(key, root);
  return root;
}

/** What a user's config would give: typescript-eslint's parser for TypeScript, espree (with JSX) for JavaScript. */
function configOf(testCase: RuleCase): Pick<RuleTester.ValidTestCase, 'filename' | 'languageOptions' | 'settings'> {
  return {
    filename: join(appRootFor(testCase), testCase.path),
    languageOptions: /\.[cm]?tsx?$/.test(testCase.path) ? { parser: typescriptParser } : { parserOptions: { ecmaFeatures: { jsx: true } } },
    // The engine's `rules` severities have no ESLint counterpart (ESLint's config sets severity); no table uses them.
    ...(testCase.settings?.sideEffects ? { settings: { nextAfterLint: { sideEffects: testCase.settings.sideEffects } } } : {}),
  };
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/**
 * ESLint's single fix pass over the findings: each finding's fix spans from its first edit to its
 * last; sorted by span, a fix that starts at or before the end of the one taken before waits for the
 * next pass. Fixes with a review are suggestions, never applied by --fix.
 */
function eslintSinglePass(fileName: string, text: string, findings: readonly Finding[]): string {
  // The plugin leaves a fix that adds a name another fix of the pass adds to the next pass.
  const deferred = fixesAddingTakenNames(fileName, text, findings);
  const fixes = findings
    .flatMap((finding) => (finding.fix && !finding.fix.review && finding.fix.edits.length > 0 && !deferred.has(finding) ? [finding.fix.edits] : []))
    .map((edits) => ({ edits, start: Math.min(...edits.map((e) => e.start)), end: Math.max(...edits.map((e) => e.end)) }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const taken: TextEdit[] = [];
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const fix of fixes) {
    if (fix.start <= lastEnd) continue;
    taken.push(...fix.edits);
    lastEnd = fix.end;
  }
  return applyEdits(text, taken);
}

/** The table's `errors` for RuleTester: where from the table; message, end and suggestions from the engine's own findings. */
function expectedErrors(testCase: InvalidCase, findings: readonly Finding[]): RuleTester.TestCaseError[] {
  return testCase.errors.map((expected, index) => {
    const [, line, column] = /@(\d+):(\d+)$/.exec(expected)!;
    const error: RuleTester.TestCaseError = { line: Number(line), column: Number(column) };
    const finding = findings[index];
    const at = finding ? lineColumn(testCase.code, finding.start) : undefined;
    // A table and engine that disagree fail in our own harness, with the better message.
    if (!finding || !at || at.line !== error.line || at.column !== error.column) return error;
    const end = lineColumn(testCase.code, finding.end);
    const review = finding.fix?.review ? finding.fix : undefined;
    return {
      ...error,
      endLine: end.line,
      endColumn: end.column,
      message: finding.message,
      suggestions: review ? [{ desc: review.title, output: applyEdits(testCase.code, review.edits) }] : [],
    };
  });
}

/**
 * The second harness of a rule table: ESLint's own RuleTester runs every case through our plugin's
 * ESLint rule, and ESLint's multi-pass fixer (what `eslint --fix` does) must reach each table output.
 *
 * What is compared, and why not more: RuleTester applies fixes in ONE pass, while a table's `output`
 * comes from fixing until nothing is left. So RuleTester's `output` is ESLint's single pass over the
 * engine's fixes of the case (what --fix writes after its first pass), and the table's `output` is
 * checked against `Linter#verifyAndFix`, which repeats passes like `eslint --fix`. Severities are
 * not compared: ESLint gives every report of a rule the rule's configured severity.
 */
export function eslintTable(ruleId: string, cases: { valid: RuleCase[]; invalid: InvalidCase[] }, engineFindings: (testCase: RuleCase) => Finding[]): void {
  const rule = plugin.rules[ruleId];
  assert.ok(rule && ruleById(ruleId), `${ruleId} is an ESLint rule of the plugin`);
  const name = `${PLUGIN_NAMESPACE}/${ruleId}`;
  const findings = (testCase: RuleCase): Finding[] => {
    try {
      return engineFindings(testCase);
    } catch {
      return [];
    }
  };
  new RuleTester().run(name, rule, {
    valid: cases.valid.map((testCase) => ({ name: testCase.name ?? testCase.path, code: testCase.code, ...configOf(testCase) })),
    invalid: cases.invalid.map((testCase) => {
      const found = findings(testCase);
      const output = eslintSinglePass(testCase.path, testCase.code, found);
      return { name: testCase.name ?? testCase.path, code: testCase.code, ...configOf(testCase), errors: expectedErrors(testCase, found), output: output === testCase.code ? null : output };
    }),
  });

  const withOutput = cases.invalid.filter((testCase) => testCase.output !== undefined);
  if (withOutput.length === 0) return;
  describe(`${name}: eslint --fix reaches each table output`, () => {
    for (const testCase of withOutput) {
      test(testCase.name ?? testCase.path, () => {
        const { filename, languageOptions, settings } = configOf(testCase);
        // A case with files of its own lives in its own folder (with workspace packages beside its app).
        const linter = new Linter({ cwd: testCase.files ? dirname(dirname(caseAppRoot(testCase))) : scratch });
        const config: Linter.Config = { files: ['**'], plugins: { [PLUGIN_NAMESPACE]: plugin }, rules: { [name]: 'error' }, languageOptions, ...(settings ? { settings } : {}) };
        const fixed = linter.verifyAndFix(testCase.code, config, { filename: filename! });
        assert.deepEqual(fixed.messages.filter((message) => message.fatal), [], 'the code parses');
        assert.equal(fixed.output, testCase.output);
      });
    }
  });
}
