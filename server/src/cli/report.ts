import { relative } from 'node:path';
import { isAutomaticFix, ruleById, ruleDocUrl, type Finding, type Severity } from '../analysis';

/** A finding as the contract prints it: 1-based lines and columns, paths relative to the cwd. */
export interface CliFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  fixable: boolean;
}

/** Line starts of a text, so offsets become 1-based line/column (columns in UTF-16 units, as editors count). */
export class LineMap {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) this.starts.push(index + 1);
  }

  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.starts[low]! + 1 };
  }
}

export function toCliFinding(file: string, cwd: string, lines: LineMap, finding: Finding): CliFinding {
  const start = lines.position(finding.start);
  const end = lines.position(finding.end);
  return {
    file: relative(cwd, file).split('\\').join('/'),
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    rule: finding.rule,
    // The contract knows three levels; a rule a user set to `hint` prints as info.
    severity: finding.severity === 'hint' ? 'info' : finding.severity,
    message: finding.message,
    // What --fix would apply: a fix that needs a review is offered in the editor only.
    fixable: isAutomaticFix(finding.fix),
  };
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

function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

export function formatSarif(findings: readonly CliFinding[], version: string): string {
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
              shortDescription: { text: ruleById(id)?.meta.description ?? id },
              helpUri: ruleDocUrl(id),
              defaultConfiguration: { level: sarifLevel(ruleById(id)?.meta.defaultSeverity ?? 'warning') },
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
