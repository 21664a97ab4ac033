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

/** Every `// expect: <rule>[, <rule>]` mark of a fixture, as `rule@path:line` (path relative to `root`). */
export function expectedMarks(root: string): string[] {
  const marks: string[] = [];
  for (const file of fixtureSources(root)) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        const mark = /\/\/ expect: ([a-z-]+(?:, [a-z-]+)*)/.exec(line);
        for (const rule of mark?.[1]!.split(', ') ?? []) marks.push(`${rule}@${relative(root, file)}:${index + 1}`);
      });
  }
  return marks;
}

/** Misses and false alarms between the marks and what was found, both named by file and line. */
export function compareWithMarks(expected: readonly string[], found: readonly string[]): { missed: string[]; falseAlarms: string[] } {
  return { missed: expected.filter((entry) => !found.includes(entry)), falseAlarms: found.filter((entry) => !expected.includes(entry)) };
}
