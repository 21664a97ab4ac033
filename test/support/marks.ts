import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Source files under a fixture, skipping nothing: fixtures hold no build output. */
export function fixtureSources(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return fixtureSources(path);
      return /\.(ts|tsx|js|jsx|mjs|cjs)$/.test(name) ? [path] : [];
    });
}

/**
 * The `// expect: <rule>[, <rule>]` marks of a fixture as `rule@path:line` (path relative to `root`).
 * A mark may name the severity too, `// expect: blocking-side-effect (info)`: it is then listed in
 * `severities` as `rule (severity)@path:line`, and the finding must have it.
 */
export function expectedMarks(root: string): { marks: string[]; severities: string[] } {
  const marks: string[] = [];
  const severities: string[] = [];
  for (const file of fixtureSources(root)) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        const mark = /\/\/ expect: ([a-z-]+(?: \([a-z]+\))?(?:, [a-z-]+(?: \([a-z]+\))?)*)/.exec(line);
        for (const entry of mark?.[1]!.split(', ') ?? []) {
          const [, rule, severity] = /^([a-z-]+)(?: \(([a-z]+)\))?$/.exec(entry)!;
          const where = `${relative(root, file)}:${index + 1}`;
          marks.push(`${rule}@${where}`);
          if (severity) severities.push(`${rule} (${severity})@${where}`);
        }
      });
  }
  return { marks, severities };
}

export interface FoundFinding {
  rule: string;
  severity: string;
  /** Relative to the fixture's root. */
  path: string;
  line: number;
}

/** Misses, false alarms and wrong severities between the marks and what was found, each named by file and line. */
export function compareWithMarks(expected: ReturnType<typeof expectedMarks>, found: readonly FoundFinding[]): { missed: string[]; falseAlarms: string[]; wrongSeverities: string[] } {
  const foundMarks = found.map((finding) => `${finding.rule}@${finding.path}:${finding.line}`);
  const foundSeverities = found.map((finding) => `${finding.rule} (${finding.severity})@${finding.path}:${finding.line}`);
  return {
    missed: expected.marks.filter((entry) => !foundMarks.includes(entry)),
    falseAlarms: foundMarks.filter((entry) => !expected.marks.includes(entry)),
    wrongSeverities: expected.severities.filter((entry) => !foundSeverities.includes(entry)),
  };
}
