// `npm run fuzz -- --count N --seed S [--typed-every N]`: a long seeded pass; prints one JSON summary, exit 1 on any failure.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSeeds, runFuzz } from './harness';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} needs a whole number, got "${process.argv[index + 1] ?? ''}"`);
    process.exit(2);
  }
  return value;
}

const root = join(__dirname, '..', '..');
const count = option('count', 1000);
const seed = option('seed', 1);
// After every n-th input, a generated handler, type-checked and run before and after its fixes.
const typedEvery = option('typed-every', 4);

async function main(): Promise<void> {
  const started = Date.now();
  const report = await runFuzz({ count, seed, seeds: loadSeeds(root), largeEvery: 500, typedEvery });
  const { failures, ...summary } = report;
  console.log(JSON.stringify({ ...summary, seed, seconds: (Date.now() - started) / 1000 }, null, 2));
  if (failures.length) {
    const dir = join(root, '.build', 'fuzz-failures');
    mkdirSync(dir, { recursive: true });
    for (const failure of failures.slice(0, 50)) {
      console.error(`${failure.kind} #${failure.input}: ${failure.detail}`);
      writeFileSync(join(dir, `${failure.input}-${failure.kind}.${failure.path.split('.').pop()}`), failure.text);
    }
    console.error(`Failing inputs written to ${dir}`);
    process.exit(1);
  }
}

void main();
