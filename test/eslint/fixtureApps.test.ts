import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { fixtureSources } from '../support/marks';
import { ROOT, runCli } from '../cli/cliProcess';

/** The demo app and the apps of the accuracy tests (the monorepo holds two apps and workspace packages; router-app serves routers). */
const APPS = ['demo-app', 'sample-app', 'accuracy-app', 'monorepo', 'router-app'];
const PREFIX = 'next-after/';

/**
 * The first `js` block of the README's "Use with ESLint" section, loaded as the eslint.config.mjs it
 * says to write. It sits in .build, inside this package, so `next-after-lint/eslint` resolves through
 * the package's own `exports` (to the built dist/eslint.js) and typescript-eslint through node_modules.
 */
async function readmeConfig(): Promise<Linter.Config[]> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Use with ESLint'));
  const block = /```js\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  assert.ok(block.includes("from 'next-after-lint/eslint'"), 'the README shows the flat config');
  const dir = join(ROOT, '.build', 'eslint-readme');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `eslint.config.${process.pid}.mjs`);
  writeFileSync(file, block);
  return ((await import(pathToFileURL(file).href)) as { default: Linter.Config[] }).default;
}

function copyOf(app: string): string {
  const target = mkdtempSync(join(tmpdir(), `nal-eslint-${app}-`));
  cpSync(join(ROOT, 'test', 'fixtures', app), target, { recursive: true });
  return target;
}

interface Compared {
  file: string;
  rule: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

const key = (finding: Compared): string => `${finding.file}:${finding.line}:${finding.column} ${finding.rule}`;
const sorted = (findings: Compared[]): Compared[] => findings.sort((a, b) => key(a).localeCompare(key(b)));

function cliFindings(cwd: string): Compared[] {
  const run = runCli(['.', '--format', 'json'], cwd);
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  return sorted((JSON.parse(run.stdout) as Compared[]).map(({ file, rule, line, column, endLine, endColumn, message }) => ({ file, rule, line, column, endLine, endColumn, message })));
}

function eslintFindings(cwd: string, results: ESLint.LintResult[]): Compared[] {
  const found: Compared[] = [];
  for (const result of results) {
    for (const message of result.messages) {
      const rule = message.ruleId ?? 'fatal';
      assert.ok(rule.startsWith(PREFIX), `${relative(cwd, result.filePath)}:${message.line}: only our rules report (${rule}: ${message.message})`);
      found.push({ file: relative(cwd, result.filePath), rule: rule.slice(PREFIX.length), line: message.line, column: message.column, endLine: message.endLine!, endColumn: message.endColumn!, message: message.message });
    }
  }
  return sorted(found);
}

function sources(root: string): Map<string, string> {
  return new Map(fixtureSources(root).map((file) => [relative(root, file), readFileSync(file, 'utf8')]));
}

describe("the real ESLint with the README's flat config, against the CLI", async () => {
  const config = await readmeConfig();
  const eslintFor = (cwd: string, fix = false): ESLint => new ESLint({ cwd, overrideConfigFile: true, overrideConfig: config, fix });

  for (const app of APPS) {
    test(`${app}: the same findings (rule, line, column, end, message) as the CLI's JSON`, async () => {
      const cwd = copyOf(app);
      const expected = cliFindings(cwd);
      assert.ok(expected.length > 0, 'the CLI finds something to compare');
      assert.deepEqual(eslintFindings(cwd, await eslintFor(cwd).lintFiles(['.'])), expected);
      console.log(`${app}: ${expected.length} findings, the same from ESLint and the CLI`);
    });

    test(`${app}: eslint --fix writes what the CLI's --fix writes, file by file`, async () => {
      const original = sources(join(ROOT, 'test', 'fixtures', app));
      const byCli = copyOf(app);
      const byEslint = copyOf(app);
      const cli = runCli(['.', '--fix'], byCli);
      assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
      await ESLint.outputFixes(await eslintFor(byEslint, true).lintFiles(['.']));
      const cliOutput = sources(byCli);
      assert.deepEqual(sources(byEslint), cliOutput);
      const changed = [...cliOutput].filter(([file, text]) => original.get(file) !== text).map(([file]) => file);
      assert.ok(changed.length > 0, 'some file was fixed');
      console.log(`${app}: ${changed.length} of ${cliOutput.size} files fixed, the same by eslint --fix and the CLI`);
    });
  }
});
