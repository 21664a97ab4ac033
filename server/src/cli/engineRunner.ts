import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EngineJob, EngineResult, WorkerInput } from './protocol';

type Engine = typeof import('./engineEntry');

/** Where the bundled engine sits: beside the front (`dist/cli.js` -> `dist/cli-engine.js`). */
const ENGINE_FILE = join(__dirname, 'cli-engine.js');

/** Below this many files a second thread costs more to start than it saves. */
const PARALLEL_FROM_FILES = 300;
const MAX_AUTO_THREADS = 4;

/**
 * Each worker's heap: parse trees are garbage within a file, so a small old generation keeps the
 * process small without slowing it; a worker that runs out is replaced by this thread (below).
 */
const WORKER_LIMITS = process.env.NAL_LIMITS === "none" ? {} : { maxOldGenerationSizeMb: Number(process.env.NAL_OLD ?? 96), maxYoungGenerationSizeMb: Number(process.env.NAL_YOUNG ?? 24) };

/** `--concurrency`: a number, `auto` (one thread per core, up to four, for large runs) or `off`. */
export function threadsFor(concurrency: number | 'auto' | 'off', files: number, types: boolean): number {
  // The type checker's program is per thread: two would double the largest part of the memory.
  if (concurrency === 'off' || types) return 1;
  if (concurrency === 'auto') return files >= PARALLEL_FROM_FILES ? Math.min(MAX_AUTO_THREADS, availableParallelism()) : 1;
  return Math.max(1, Math.min(concurrency, files));
}

/** Runs the job in this thread, or in `threads` worker threads that share its files. */
export async function runEngine(job: EngineJob, threads: number): Promise<EngineResult> {
  if (threads <= 1 && process.env.NAL_ONE_WORKER !== "1") return inThisThread(job);
  const claims = new SharedArrayBuffer(4 * (job.analyse.length + 1));
  const results = await Promise.all(Array.from({ length: threads }, () => inWorker({ job, claims })));
  const done = results.filter((result): result is EngineResult => result !== undefined);
  const merged = merge(done);
  // A worker that died (out of memory on a giant file) leaves files without an outcome: do them here.
  const missing = job.analyse.filter((file) => !(file in merged.outcomes));
  if (missing.length > 0) return merge([merged, inThisThread({ ...job, analyse: missing })]);
  return merged;
}

function inThisThread(job: EngineJob): EngineResult {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when there is work
  const engine = require(ENGINE_FILE) as Engine;
  return engine.runEngineJob(job);
}

function inWorker(input: WorkerInput): Promise<EngineResult | undefined> {
  return new Promise((resolve) => {
    const worker = new Worker(ENGINE_FILE, { workerData: input, resourceLimits: WORKER_LIMITS });
    let result: EngineResult | undefined;
    worker.on('message', (message: EngineResult) => (result = message));
    worker.on('error', () => undefined);
    worker.on('exit', () => resolve(result));
  });
}

function merge(results: readonly EngineResult[]): EngineResult {
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
