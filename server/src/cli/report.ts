import { relative } from 'node:path';
// Only the docs module: the front of the CLI prints without loading the engine (or TypeScript).
import { ruleDocUrl } from '../analysis/docs';
import type { OutcomeFinding, RuleInfo } from './protocol';

/** A finding as the contract prints it: 1-based lines and columns, the path relative to the cwd. */
export type CliFinding = { file: string } & OutcomeFinding;

/** The contract's shape: the outcome's finding with the file relative to the cwd, `/`-separated. */
export function toCliFinding(file: string, cwd: string, finding: OutcomeFinding): CliFinding {
  return { file: relative(cwd, file).split('\\').join('/'), ...finding };
}

export function formatText(findings: readonly CliFinding[], colour: boolean): string {
  const paint = (code: number, text: string): string => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const severityColour = { error: 31, warning: 33, info: 36 } as const;
  const lines = findings.map(
    (f) => `${f.file}:${f.line}:${f.column}  ${paint(severityColour[f.severity], f.severity)}  ${f.message}  ${paint(2, f.rule)}`,
  );
  const count = (severity: CliFinding['severity']): number => findings.filter((f) => f.severity === severity).length;
  const fixable = findings.filter((f) => f.fixable).length;
  const total = findings.length;
  lines.push(
    total === 0
      ? 'No problems found.'
      : `${total} problem${total === 1 ? '' : 's'} (${count('error')} error${count('error') === 1 ? '' : 's'}, ${count('warning')} warning${count('warning') === 1 ? '' : 's'}, ${count('info')} info)` +
          (fixable ? `; ${fixable} fixable with --fix` : ''),
  );
  return `${lines.join('\n')}\n`;
}

function sarifLevel(severity: string): 'error' | 'warning' | 'note' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

export function formatSarif(findings: readonly CliFinding[], version: string, rules: Readonly<Record<string, RuleInfo>>): string {
  const ruleIds = [...new Set(findings.map((f) => f.rule))].sort();
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'next-after-lint',
            version,
            informationUri: 'https://github.com/next-after-lint/next-after-lint',
            rules: ruleIds.map((id) => ({
              id,
              shortDescription: { text: rules[id]?.description ?? id },
              helpUri: ruleDocUrl(id),
              defaultConfiguration: { level: sarifLevel(rules[id]?.defaultSeverity ?? 'warning') },
            })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: ruleIds.indexOf(f.rule),
          level: sarifLevel(f.severity),
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
