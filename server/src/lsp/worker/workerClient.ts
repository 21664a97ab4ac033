import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './protocol';

/** Distributes the request-less part of `ToWorker` (every message but those with an `id`). */
type WithoutId<T> = T extends { id: number } ? Omit<T, 'id'> : never;
export type WorkerRequest = WithoutId<ToWorker>;
export type WorkerEvent = Exclude<FromWorker, { kind: 'reply' }>;

/**
 * A heap limit for the worker keeps a large app's garbage from growing the editor's process; with
 * the TypeScript checker (`typeAware: full`) the programs need what they need.
 */
const INDEX_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 };

/**
 * The protocol thread's handle on the analysis worker: requests by id, events to a listener, and a
 * new worker when one dies (out of memory on a pathological file, a crash), announced by `restarted`.
 */
export class WorkerClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly replies = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private disposed = false;
  private restarts = 0;

  constructor(
    private readonly onEvent: (event: WorkerEvent) => void,
    private readonly onRestart: (reason: string) => void,
    private readonly script = path.join(__dirname, 'worker.js'),
    private limits: 'index' | 'full' = 'index',
  ) {}

  request<T>(message: WorkerRequest): { id: number; result: Promise<T> } {
    const id = this.nextId++;
    const result = new Promise<T>((resolve, reject) => this.replies.set(id, { resolve: resolve as (value: unknown) => void, reject }));
    this.post({ ...message, id } as ToWorker);
    return { id, result };
  }

  post(message: ToWorker): void {
    this.ensure().postMessage(message);
  }

  /** The TypeScript checker needs more memory than the index: a worker with room for it. */
  useLimits(limits: 'index' | 'full'): void {
    if (limits === this.limits) return;
    this.limits = limits;
    if (this.worker) this.replace(`the analysis thread restarts ${limits === 'full' ? 'with room for the TypeScript checker' : 'without the TypeScript checker'}`);
  }

  dispose(): void {
    this.disposed = true;
    const worker = this.worker;
    this.worker = undefined;
    if (worker) {
      worker.postMessage({ kind: 'dispose' } satisfies ToWorker);
      void worker.terminate();
    }
    this.failAll('the server is shutting down');
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script, this.limits === 'index' ? { resourceLimits: INDEX_LIMITS } : {});
    worker.on('message', (message: FromWorker) => {
      if (message.kind !== 'reply') return this.onEvent(message);
      const waiting = this.replies.get(message.id);
      this.replies.delete(message.id);
      if (message.error !== undefined) waiting?.reject(new Error(message.error));
      else waiting?.resolve(message.result);
    });
    worker.on('error', (error) => this.onEvent({ kind: 'log', level: 'error', message: `next-after-lint: the analysis thread failed: ${error.stack ?? error.message}` }));
    worker.on('exit', (code) => {
      if (this.worker !== worker || this.disposed) return;
      this.worker = undefined;
      this.failAll(`the analysis thread stopped (exit code ${code})`);
      // A worker that keeps dying is not restarted forever: the syntactic analysis still runs.
      if (++this.restarts <= 3) this.onRestart(`the analysis thread stopped (exit code ${code}) and was started again`);
    });
    // The connection keeps the server alive; the worker alone must not (an in-process server in a
    // test). After the listeners: attaching one refs the worker again.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private replace(reason: string): void {
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(reason);
    void worker?.terminate();
    this.onRestart(reason);
  }

  private failAll(reason: string): void {
    for (const waiting of this.replies.values()) waiting.reject(new Error(reason));
    this.replies.clear();
  }
}
