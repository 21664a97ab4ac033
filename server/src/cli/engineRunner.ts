import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EngineJob, EngineResult, WorkerInput } from './protocol';

type Engine = typeof import('./engineEntry');

/** Where the bundled engine sits: beside the front (`dist/cli.js` -> `dist/cli-engine.js`). */
const ENGINE_FILE = join(__dirname, 'cli-engine.js');

/** Below this many files a worker costs more to start than it saves. */
const WORKERS_FROM_FILES = 300;
const MAX_AUTO_THREADS = 4;

/**
 * Each worker's heap: parse trees are garbage as soon as a file is done, so a small old generation
 * keeps a large run's memory near that of parsing alone (measured on the bench monorepo: 161 MB in
 * one worker against 253 MB in the main thread, for 8% more time). A worker that runs out of memory
 * (a giant generated file) is replaced by this thread, below.
 */
function workerLimits(): { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } {
  // NEXT_AFTER_LINT_WORKER_HEAP_MB: a smaller (constrained machines) or larger heap per worker.
  const configured = Number(process.env.NEXT_AFTER_LINT_WORKER_HEAP_MB);
  const old = Number.isFinite(configured) && configured >= 8 ? configured : 96;
  return { maxOldGenerationSizeMb: old, maxYoungGenerationSizeMb: Math.min(24, Math.max(4, Math.floor(old / 4))) };
}

export interface ThreadPlan {
  threads: number;
  /** Run in worker threads (with the heap limit above) rather than in this thread. */
  inWorkers: boolean;
}

/**
 * `--concurrency`: `off` analyses in this thread; a number, in that many worker threads; `auto`, for
 * runs of 300 files or more, in one worker per two cores (at least one, at most four: two threads on
 * the two hyper-threads of one core were slower than one, measured), in this thread below that.
 */
export function planThreads(concurrency: number | 'auto' | 'off', files: number, types: boolean): ThreadPlan {
  // The type checker's program needs more memory than a worker is given, and is not shared.
  if (concurrency === 'off' || types || files === 0) return { threads: 1, inWorkers: false };
  if (concurrency === 'auto') {
    return files >= WORKERS_FROM_FILES ? { threads: Math.min(MAX_AUTO_THREADS, Math.max(1, Math.floor(availableParallelism() / 2))), inWorkers: true } : { threads: 1, inWorkers: false };
  }
  return { threads: Math.max(1, Math.min(concurrency, files)), inWorkers: true };
}

/** Runs the job in this thread, or in worker threads that share its files. */
export async function runEngine(job: EngineJob, plan: ThreadPlan): Promise<EngineResult> {
  if (!plan.inWorkers) return inThisThread(job);
  const claims = new SharedArrayBuffer(4 * (job.analyse.length + 1));
  const results = await Promise.all(Array.from({ length: plan.threads }, () => inWorker({ job, claims })));
  const done = results.filter((result): result is EngineResult => result !== undefined);
  const merged = mergeResults(done);
  // A worker that died (out of memory on a giant file) leaves files without an outcome: do them here.
  const missing = job.analyse.filter((file) => !(file in merged.outcomes));
  if (missing.length === 0) return merged;
  const rest = inThisThread({ ...job, analyse: missing });
  rest.messages.unshift(`next-after-lint: a worker thread stopped (out of memory?); ${missing.length} file${missing.length === 1 ? ' was' : 's were'} analysed in the main thread instead\n`);
  return mergeResults([merged, rest]);
}

function inThisThread(job: EngineJob): EngineResult {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when there is work
  const engine = require(ENGINE_FILE) as Engine;
  return engine.runEngineJob(job);
}

function inWorker(input: WorkerInput): Promise<EngineResult | undefined> {
  return new Promise((resolve) => {
    const worker = new Worker(ENGINE_FILE, { workerData: input, resourceLimits: workerLimits() });
    let result: EngineResult | undefined;
    worker.on('message', (message: EngineResult) => (result = message));
    worker.on('error', () => undefined);
    worker.on('exit', () => resolve(result));
  });
}

export function mergeResults(results: readonly EngineResult[]): EngineResult {
  const merged: EngineResult = { outcomes: {}, summaries: {}, projectFiles: {}, messages: [], rules: {}, summarisedOnly: 0 };
  for (const result of results) {
    merged.summarisedOnly += result.summarisedOnly;
    Object.assign(merged.outcomes, result.outcomes);
    Object.assign(merged.summaries, result.summaries);
    Object.assign(merged.projectFiles, result.projectFiles);
    Object.assign(merged.rules, result.rules);
    for (const message of result.messages) if (!merged.messages.includes(message)) merged.messages.push(message);
  }
  return merged;
}
