import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyzeFile, applyEdits, fixAll, rules as allRules } from '../../server/src/analysis';
import type { Rule } from '../../server/src/analysis';
import { generateLargeFile, mutate } from './mutations';
import { Random } from './random';

export interface SeedFile {
  path: string;
  text: string;
}

export interface FuzzFailure {
  kind: 'crash' | 'broken-fix' | 'slow-rule';
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
  failures: FuzzFailure[];
}

export interface FuzzOptions {
  count: number;
  seed: number;
  seeds: readonly SeedFile[];
  rules?: readonly Rule[];
  /** Every n-th input is a generated ~1 MB file. */
  largeEvery?: number;
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
 * fix whose output has more syntax errors than its input, and on a rule slower than its limit.
 */
export function runFuzz(options: FuzzOptions): FuzzReport {
  const random = new Random(options.seed);
  const rules = options.rules ?? allRules;
  const report: FuzzReport = { inputs: 0, largeInputs: 0, crashes: 0, brokenFixes: 0, slowRules: 0, findings: 0, fixesChecked: 0, slowestRuleMs: 0, failures: [] };
  if (options.seeds.length === 0) throw new Error('No seed files to mutate.');
  const largeSeeds = options.seeds.map((seed) => seed.text);

  for (let index = 0; index < options.count; index++) {
    const large = options.largeEvery !== undefined && index % options.largeEvery === options.largeEvery - 1;
    let text = large ? generateLargeFile(largeSeeds, LARGE_BYTES) : random.pick(options.seeds).text;
    const mutations: string[] = [];
    for (let round = 1 + random.int(3); round > 0; round--) {
      const mutated = mutate(text, random);
      text = mutated.text;
      mutations.push(mutated.name);
    }
    const path = random.pick(APP_PATHS);
    const nextVersion = random.pick(NEXT_VERSIONS);
    report.inputs++;
    if (large) report.largeInputs++;
    const fail = (kind: FuzzFailure['kind'], detail: string): void => {
      report.failures.push({ kind, input: index, detail: `${detail} [${path}, next ${nextVersion ?? 'unknown'}, ${mutations.join('+')}]`, text, path });
    };

    let result;
    try {
      result = analyzeFile({ text, appRelativePath: path, nextVersion, measure: true }, rules);
    } catch (error) {
      report.crashes++;
      fail('crash', `analyzeFile threw: ${String((error as Error).stack ?? error)}`);
      continue;
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
    if (!large && index % 10 === 0 && fixable.length > 0) {
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
  return report;
}
