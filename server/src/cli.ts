// `next-after-lint`: the same engine as the editor, for CI and pre-commit hooks (../shared/spec/cli.md).
import { runCli } from './cli/run';

function internalFailure(error: unknown): void {
  process.stderr.write(`next-after-lint: internal failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 2;
}

runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
  stats: process.env.NEXT_AFTER_LINT_STATS === '1',
}).then((code) => {
  process.exitCode = code;
}, internalFailure);
