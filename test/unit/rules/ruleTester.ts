import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { analyzeFile, applyEdits, CachedDiskFileSystem, crossFileSource, fixAll, isAutomaticFix, ProjectIndex, ruleById, type AnalysisInput } from '../../../server/src/analysis';
import { parseErrors, parseSource } from '../../../server/src/analysis/parse';
import type { EngineSettings, Finding } from '../../../server/src/analysis/types';
import { newTypeDiagnostics } from '../../support/typeCheck';
import { eslintTable } from './eslintHarness';

/** One source file and where it sits in the app. */
export interface RuleCase {
  /** Shown as the test name; defaults to the path. */
  name?: string;
  /** Path relative to the app root: `app/blog/page.tsx`. */
  path: string;
  code: string;
  nextVersion?: string;
  settings?: EngineSettings;
  /** The cron paths of the app's vercel.json. */
  cronPaths?: string[];
  /**
   * Other files of the app, by path from the app root (`../packages/api/src/router.ts` reaches a
   * workspace package): written to a folder of their own, the project index reads them.
   */
  files?: Record<string, string>;
}

export interface InvalidCase extends RuleCase {
  /** Expected findings of the rule under test as `rule@line:col` (1-based, like the CLI). */
  errors: string[];
  /** Expected text after applying the fix of every finding of this rule (one at a time, first fix first). */
  output?: string;
  /** Expected severity of every finding, when it differs from the rule's default. */
  severity?: Finding['severity'];
  /** Substrings every message must contain. */
  messageIncludes?: string[];
}

/** Renders a finding the way tables write it: `rule@line:col`. */
export function position(text: string, finding: Finding): string {
  const before = text.slice(0, finding.start);
  const line = before.split('\n').length;
  const column = finding.start - before.lastIndexOf('\n');
  return `${finding.rule}@${line}:${column}`;
}

export function findingsOf(ruleId: string, testCase: RuleCase): Finding[] {
  const rule = ruleById(ruleId);
  assert.ok(rule, `rule ${ruleId} is registered`);
  const result = analyzeFile(inputOf(testCase, testCase.code), [rule]);
  assert.deepEqual(result.ruleFailures, [], 'the rule does not throw');
  return result.findings;
}

/**
 * The analysis input of a case for `text`; a case with other files gets the project index over
 * its folder (a new index each time, so what one text recorded never leaks into the next).
 */
export function inputOf(testCase: RuleCase, text: string): AnalysisInput {
  const input: AnalysisInput = { text, appRelativePath: testCase.path, nextVersion: testCase.nextVersion, settings: testCase.settings, cronPaths: testCase.cronPaths };
  if (!testCase.files) return input;
  const root = caseAppRoot(testCase);
  return { ...input, crossFile: crossFileSource(new ProjectIndex(new CachedDiskFileSystem()), join(root, testCase.path), [root]) };
}

const caseRoots = new WeakMap<RuleCase, string>();
let caseScratch: string | undefined;

/**
 * The app folder of a case with other files: a package.json that depends on `next`, the files,
 * and the case's own code at its path (ESLint and the index read the disk). One per case, at
 * `<case folder>/apps/web`, so that `../../packages/...` stays inside the case's folder.
 */
export function caseAppRoot(testCase: RuleCase): string {
  let root = caseRoots.get(testCase);
  if (root) return root;
  if (!caseScratch) {
    const made = mkdtempSync(join(tmpdir(), 'nal-rule-cases-'));
    process.on('exit', () => rmSync(made, { recursive: true, force: true }));
    caseScratch = made;
  }
  root = join(caseScratch, `case-${Math.random().toString(36).slice(2, 10)}`, 'apps', 'web');
  const write = (path: string, text: string): void => {
    const file = join(root!, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  write('package.json', JSON.stringify({ private: true, dependencies: { next: testCase.nextVersion ?? 'latest' } }));
  for (const [path, text] of Object.entries(testCase.files ?? {})) write(path, text);
  write(testCase.path, testCase.code);
  caseRoots.set(testCase, root);
  return root;
}

/**
 * Applies the rule's fixes one by one (re-analysing after each) until none is left, as a user
 * pressing the quick-fix on each diagnostic would.
 */
export function applyRuleFixes(ruleId: string, testCase: RuleCase): string {
  let text = testCase.code;
  for (let round = 0; round < 20; round++) {
    const fix = findingsOf(ruleId, { ...testCase, code: text }).find((finding) => finding.fix)?.fix;
    if (!fix) break;
    text = applyEdits(text, fix.edits);
  }
  return text;
}

/**
 * A typescript-eslint style table: every valid case reports nothing, every invalid case exactly
 * `errors`. The same table then runs through ESLint's RuleTester and our ESLint plugin.
 */
export function ruleTable(ruleId: string, cases: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  describe(ruleId, () => {
    describe('valid', () => {
      for (const testCase of cases.valid) {
        test(testCase.name ?? testCase.path, () => {
          const found = findingsOf(ruleId, testCase).map((finding) => position(testCase.code, finding));
          assert.deepEqual(found, []);
        });
      }
    });
    describe('invalid', () => {
      for (const testCase of cases.invalid) {
        test(testCase.name ?? testCase.path, () => {
          const findings = findingsOf(ruleId, testCase);
          assert.deepEqual(findings.map((finding) => position(testCase.code, finding)), testCase.errors);
          for (const finding of findings) {
            if (testCase.severity) assert.equal(finding.severity, testCase.severity);
            for (const part of testCase.messageIncludes ?? []) assert.ok(finding.message.includes(part), `"${finding.message}" includes "${part}"`);
          }
          assertEveryFixRoundTrips(ruleId, testCase, findings);
          if (testCase.output !== undefined) {
            const output = applyRuleFixes(ruleId, testCase);
            assert.equal(output, testCase.output);
            assert.deepEqual(parseErrors(parseSource(testCase.path, output)).map((d) => d.messageText), [], 'the fixed code parses');
            if (output !== testCase.code) {
              assert.deepEqual(findingsOf(ruleId, { ...testCase, code: output }).map((f) => position(output, f)), [], 'the fix clears the finding');
            } else {
              assert.ok(findings.every((finding) => !finding.fix), 'a finding whose fix changes nothing offers no fix');
            }
          }
        });
      }
    });
    eslintTable(ruleId, cases, (testCase) => findingsOf(ruleId, testCase));
  });
}

function countByRule(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of findings) counts.set(finding.rule, (counts.get(finding.rule) ?? 0) + 1);
  return counts;
}

/**
 * The round trip of issues 4 and 14: each offered fix applied alone, and fix-all, give code that
 * parses, removes a finding of the rule, makes no rule report anything it did not report before,
 * and has no TypeScript diagnostic the input did not have (with the Next.js type stubs).
 */
function assertEveryFixRoundTrips(ruleId: string, testCase: RuleCase, findings: readonly Finding[]): void {
  const before = countByRule(analyzeFile(inputOf(testCase, testCase.code)).findings);
  const check = (output: string, label: string): void => {
    assert.deepEqual(parseErrors(parseSource(testCase.path, output)).map((d) => d.messageText), [], `${label} gives code that parses`);
    const after = countByRule(analyzeFile(inputOf(testCase, output)).findings);
    assert.ok((after.get(ruleId) ?? 0) < (before.get(ruleId) ?? 0), `${label} removes a ${ruleId} finding`);
    for (const [rule, count] of after) assert.ok(count <= (before.get(rule) ?? 0), `${label} adds no ${rule} finding:\n${output}`);
    assert.deepEqual(newTypeDiagnostics(testCase.path, testCase.code, output), [], `${label} adds no TypeScript diagnostic:\n${output}`);
  };
  for (const finding of findings) {
    if (finding.fix) check(applyEdits(testCase.code, finding.fix.edits), `fix "${finding.fix.title}" of ${position(testCase.code, finding)}`);
  }
  if (findings.some((finding) => isAutomaticFix(finding.fix))) check(fixAll(inputOf(testCase, testCase.code)).output, 'fix-all');
}

/** Tagged template that strips the common indentation, so tables can indent their sources. */
export function code(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((text, part, index) => text + part + (index < values.length ? String(values[index]) : ''), '');
  const lines = raw.replace(/^\n/, '').replace(/\n\s*$/, '\n').split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => /^ */.exec(line)![0].length));
  return lines.map((line) => line.slice(indent)).join('\n');
}
