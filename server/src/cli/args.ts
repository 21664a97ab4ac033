export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CliOptions {
  paths: string[];
  format: OutputFormat;
  fix: boolean;
  maxWarnings?: number;
  quiet: boolean;
  config?: string;
  /** Type-aware analysis through the app's tsconfig (slower; the project index already follows other files). */
  types: boolean;
  /** The cache file, when `--cache` is given. */
  cache?: string;
  /** Threads for the analysis. */
  concurrency: number | 'auto' | 'off';
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {}

/** Where `--cache` keeps its file, in the current folder (ESLint's is `.eslintcache`). */
export const DEFAULT_CACHE = '.next-after-lint-cache';

export const USAGE = `Usage: next-after-lint [paths...] [options]

Finds Next.js after() problems: side effects that block the response and invalid uses of after().

Options:
  --format text|json|sarif  output format (default: text)
  --fix                     apply every fix in place, then report what is left
  --max-warnings N          exit 1 when there are more than N warnings
  --quiet                   report errors only
  --types                   also ask the TypeScript type checker (slower: it builds the whole program);
                            other files are followed by the project index either way
  --cache                   keep results in .next-after-lint-cache and reanalyse only changed files
                            and the files that depend on them
  --cache-location <file>   where the cache is kept (implies --cache); also --cache=<file>
  --concurrency <n|auto|off>  worker threads for the analysis; off: in this thread (default: auto, one
                            per two cores for 300+ files, with a heap limit that keeps memory low)
  --config <file>           JSON settings: { "rules": {...}, "sideEffects": { "include": [], "exclude": [] } }
                            (also read from the "nextAfterLint" key of the app's package.json)
  -h, --help                show this help
  -v, --version             show the version

Paths default to the current folder. node_modules, .next, out, dist and dot-folders are skipped;
.ts .tsx .js .jsx .mjs .cjs files are read. Only files inside a Next.js app (the nearest
package.json that depends on "next", or a folder with next.config.*) are analysed.
Exit codes: 0 no errors (and warnings within --max-warnings), 1 otherwise, 2 bad arguments or an
internal failure.`;

export function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { paths: [], format: 'text', fix: false, quiet: false, types: false, concurrency: 'auto', help: false, version: false };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? argv[++index];
      if (next === undefined || (inline === undefined && next.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--format': {
        const format = value();
        if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
        options.format = format;
        break;
      }
      case '--fix':
        options.fix = true;
        break;
      case '--quiet':
        options.quiet = true;
        break;
      case '--types':
        options.types = true;
        break;
      case '--cache':
        // `--cache` takes no separate value (a following path is a path to lint); `--cache=<file>` does.
        options.cache = inline ?? options.cache ?? DEFAULT_CACHE;
        if (inline === '') throw new UsageError('--cache= needs a file name');
        break;
      case '--cache-location':
        options.cache = value();
        break;
      case '--concurrency': {
        const raw = value();
        const count = Number(raw);
        if (raw === 'auto' || raw === 'off') options.concurrency = raw;
        else if (Number.isInteger(count) && count >= 1) options.concurrency = count;
        else throw new UsageError(`--concurrency needs a whole number of threads, auto or off, not "${raw}"`);
        break;
      }
      case '--max-warnings': {
        const raw = value();
        const count = Number(raw);
        if (!Number.isInteger(count) || count < 0) throw new UsageError(`--max-warnings needs a whole number, not "${raw}"`);
        options.maxWarnings = count;
        break;
      }
      case '--config':
        options.config = value();
        break;
      case '-h':
      case '--help':
        options.help = true;
        break;
      case '-v':
      case '--version':
        options.version = true;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        options.paths.push(arg);
    }
  }
  if (options.paths.length === 0) options.paths.push('.');
  return options;
}
