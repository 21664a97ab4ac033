import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyzeFile, applyEdits, fixAll, rules as allRules } from '../../server/src/analysis';
import type { AnalysisInput, Finding, Rule } from '../../server/src/analysis';
import { runHandler } from '../support/runHandler';
import { newTypeDiagnostics, typeDiagnostics } from '../support/typeCheck';
import { generateLargeFile, mutate } from './mutations';
import { Random } from './random';
import { generateTypedHandler, type TypedHandler } from './typedHandlers';

export interface SeedFile {
  path: string;
  text: string;
}

export interface FuzzFailure {
  kind: 'crash' | 'broken-fix' | 'slow-rule' | 'type-breaking-fix' | 'behaviour-change';
  input: number;
  detail: string;
  /** The input text, so the failure can be replayed. */
  text: string;
  path: string;
}

export interface FuzzReport {
  inputs: number;
  largeInputs: number;
  crashes: number;
  brokenFixes: number;
  slowRules: number;
  findings: number;
  fixesChecked: number;
  slowestRuleMs: number;
  /** Generated handlers, and how many of them type-checked before any fix (only those are type-checked after). */
  typedInputs: number;
  typeCleanInputs: number;
  /** Fixes (each alone, and fix-all) whose output was type-checked, and how many added a TypeScript diagnostic. */
  typeCheckedFixes: number;
  typeBreakingFixes: number;
  /** Type-clean handlers run before and after fix-all, and how many logged other values. */
  behaviourChecked: number;
  behaviourChanges: number;
  failures: FuzzFailure[];
}

export interface FuzzOptions {
  count: number;
  seed: number;
  seeds: readonly SeedFile[];
  rules?: readonly Rule[];
  /** Every n-th input is a generated ~1 MB file. */
  largeEvery?: number;
  /** After every n-th input, a generated handler is checked too: type-checked and run before and after its fixes. */
  typedEvery?: number;
  /** The fix-all under test on generated handlers: the engine's, unless a test of the harness swaps it. */
  fixAll?: (input: AnalysisInput) => { output: string };
}

const APP_PATHS = [
  'app/page.tsx', 'app/blog/[slug]/page.tsx', 'src/app/layout.tsx', 'app/api/track/route.ts', 'app/actions.ts',
  'middleware.ts', 'proxy.ts', 'pages/api/hello.ts', 'lib/analytics.ts', 'components/card.tsx', 'app/api/route.js',
];
const NEXT_VERSIONS = [undefined, '15.0.3', '15.1.0', '^15.3.0', '14.2.3', '16.0.0', 'latest', 'not a version'];
const LARGE_BYTES = 1024 * 1024;

/** The time a rule may take before it counts as too slow: generous, but it catches runaway loops. */
function ruleTimeLimitMs(text: string): number {
  return 1500 + text.length / 500;
}

/** Every source file of the fixtures: real-looking code to mutate. */
export function loadSeeds(root: string): SeedFile[] {
  const seeds: SeedFile[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === 'node_modules') continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|tsx|js|jsx|mjs|cjs)$/.test(name)) seeds.push({ path: relative(root, path), text: readFileSync(path, 'utf8') });
    }
  };
  for (const dir of ['test/fuzz/seeds', 'test/fixtures', 'test/e2e/workspace']) {
    try {
      walk(join(root, dir));
    } catch {
      // A fixture folder that does not exist yet adds no seeds.
    }
  }
  return seeds;
}

/**
 * Runs every rule and every fix on mutated inputs. Fails (in the report) on a thrown error, on a
 * fix whose output has more syntax errors than its input, and on a rule slower than its limit. On
 * generated handlers that type-check, also on a fix that adds a TypeScript diagnostic, and on a
 * fix-all output that logs other values than the original when run.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const random = new Random(options.seed);
  const report: FuzzReport = {
    inputs: 0,
    largeInputs: 0,
    crashes: 0,
    brokenFixes: 0,
    slowRules: 0,
    findings: 0,
    fixesChecked: 0,
    slowestRuleMs: 0,
    typedInputs: 0,
    typeCleanInputs: 0,
    typeCheckedFixes: 0,
    typeBreakingFixes: 0,
    behaviourChecked: 0,
    behaviourChanges: 0,
    failures: [],
  };
  if (options.seeds.length === 0) throw new Error('No seed files to mutate.');
  const largeSeeds = options.seeds.map((seed) => seed.text);

  // Generated handlers come from their own sequence, so the mutated inputs of a seed stay the same.
  const typedRandom = new Random(options.seed + 0x7e5);
  for (let index = 0; index < options.count; index++) {
    const large = options.largeEvery !== undefined && index % options.largeEvery === options.largeEvery - 1;
    let text = large ? generateLargeFile(largeSeeds, LARGE_BYTES) : random.pick(options.seeds).text;
    const mutations: string[] = [];
    for (let round = 1 + random.int(3); round > 0; round--) {
      const mutated = mutate(text, random);
      text = mutated.text;
      mutations.push(mutated.name);
    }
    report.inputs++;
    if (large) report.largeInputs++;
    await checkInput({ index, text, path: random.pick(APP_PATHS), nextVersion: random.pick(NEXT_VERSIONS), mutations, large }, options, report);
    if (options.typedEvery !== undefined && index % options.typedEvery === options.typedEvery - 1) {
      const typed = generateTypedHandler(typedRandom);
      report.typedInputs++;
      await checkInput({ index, text: typed.text, path: typed.path, nextVersion: '15.3.0', mutations: ['typed-handler'], large: false, typed }, options, report);
    }
  }
  return report;
}

interface FuzzInput {
  index: number;
  text: string;
  path: string;
  nextVersion: string | undefined;
  mutations: string[];
  large: boolean;
  typed?: TypedHandler;
}

/** Analyses one input, applies its fixes and fix-all, and records what fails. */
async function checkInput(input: FuzzInput, options: FuzzOptions, report: FuzzReport): Promise<void> {
  const { index, text, path, nextVersion, mutations, large, typed } = input;
  const fail = (kind: FuzzFailure['kind'], detail: string): void => {
    report.failures.push({ kind, input: index, detail: `${detail} [${path}, next ${nextVersion ?? 'unknown'}, ${mutations.join('+')}]`, text, path });
  };

  let result;
  try {
    result = analyzeFile({ text, appRelativePath: path, nextVersion, measure: true }, options.rules ?? allRules);
  } catch (error) {
    report.crashes++;
    fail('crash', `analyzeFile threw: ${String((error as Error).stack ?? error)}`);
    return;
  }
  for (const failure of result.ruleFailures) {
    report.crashes++;
    fail('crash', `${failure.rule} threw: ${failure.error.split('\n').slice(0, 3).join(' ')}`);
  }
  for (const [rule, ms] of Object.entries(result.timings ?? {})) {
    report.slowestRuleMs = Math.max(report.slowestRuleMs, ms);
    if (ms > ruleTimeLimitMs(text)) {
      report.slowRules++;
      fail('slow-rule', `${rule} took ${ms.toFixed(0)} ms`);
    }
  }
  report.findings += result.findings.length;

  const errorsBefore = result.syntaxErrors.length;
  const fixable = result.findings.filter((finding) => finding.fix).slice(0, large ? 5 : 50);
  for (const finding of fixable) {
    report.fixesChecked++;
    try {
      const output = applyEdits(text, finding.fix!.edits);
      const after = analyzeFile({ text: output, appRelativePath: path, nextVersion }, []).syntaxErrors.length;
      if (after > errorsBefore) {
        report.brokenFixes++;
        fail('broken-fix', `${finding.rule} fix "${finding.fix!.title}" turned ${errorsBefore} syntax errors into ${after}`);
      }
    } catch (error) {
      report.crashes++;
      fail('crash', `${finding.rule} fix threw: ${String(error)}`);
    }
  }
  if (typed) {
    await checkTypesAndBehaviour(typed, result.findings, options.fixAll ?? fixAll, report, fail);
  } else if (!large && index % 10 === 0 && fixable.length > 0) {
    try {
      const fixed = fixAll({ text, appRelativePath: path, nextVersion }, () => true);
      const after = analyzeFile({ text: fixed.output, appRelativePath: path, nextVersion }, []).syntaxErrors.length;
      if (after > errorsBefore) {
        report.brokenFixes++;
        fail('broken-fix', `fix-all turned ${errorsBefore} syntax errors into ${after}`);
      }
    } catch (error) {
      report.crashes++;
      fail('crash', `fixAll threw: ${String(error)}`);
    }
  }
}

/**
 * A generated handler that type-checks before must type-check after each fix and after fix-all,
 * and, run before and after fix-all, log the same values (in any order: deferred work logs later).
 */
async function checkTypesAndBehaviour(
  handler: TypedHandler,
  findings: readonly Finding[],
  fixEverything: NonNullable<FuzzOptions['fixAll']>,
  report: FuzzReport,
  fail: (kind: FuzzFailure['kind'], detail: string) => void,
): Promise<void> {
  const { path, text } = handler;
  if (typeDiagnostics(path, text).length > 0) return;
  report.typeCleanInputs++;
  const typeCheck = (output: string, what: string): void => {
    report.typeCheckedFixes++;
    const added = newTypeDiagnostics(path, text, output);
    if (added.length > 0) {
      report.typeBreakingFixes++;
      fail('type-breaking-fix', `${what} added ${added.join('; ')}`);
    }
  };
  for (const finding of findings) if (finding.fix) typeCheck(applyEdits(text, finding.fix.edits), `${finding.rule} fix "${finding.fix.title}"`);
  const fixed = fixEverything({ text, appRelativePath: path, nextVersion: '15.3.0' }).output;
  typeCheck(fixed, 'fix-all');
  if (fixed === text) return;
  const run = async (source: string): Promise<string> => {
    const { logged, response } = await runHandler(path, source, handler);
    return JSON.stringify({ logged: [...logged].sort(), response });
  };
  let before: string;
  try {
    before = await run(text);
  } catch {
    return;
  }
  report.behaviourChecked++;
  const after = await run(fixed).catch((error: unknown) => `threw ${String(error)}`);
  if (after !== before) {
    report.behaviourChanges++;
    fail('behaviour-change', `fix-all changed what the handler logs: ${before} became ${after}`);
  }
}
