/** How long background work runs before the worker looks at its messages again. */
const SLICE_MS = 8;

interface UrgentTask {
  run: () => void;
  /** Called instead of `run` when a newer task with the same key replaced this one. */
  dropped?: () => void;
}

/**
 * The worker's order of work: the editor's requests first (a newer request for the same document
 * replaces an older queued one), then background work in short slices, so that a request arriving
 * while a whole app is being analysed waits at most one slice.
 */
export class Scheduler {
  private readonly urgentTasks = new Map<string, UrgentTask>();
  private readonly backgroundTasks = new Map<string, () => void>();
  private readonly jobs: { step: () => boolean; done: () => void }[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private disposed = false;

  constructor(private readonly onError: (error: unknown) => void = () => undefined) {}

  urgent(key: string, run: () => void, dropped?: () => void): void {
    const previous = this.urgentTasks.get(key);
    if (previous) {
      this.urgentTasks.delete(key);
      this.safely(() => previous.dropped?.());
    }
    this.urgentTasks.set(key, { run, dropped });
    this.wake();
  }

  /** A small piece of background work; the same key queued twice runs once. */
  background(key: string, run: () => void): void {
    this.backgroundTasks.set(key, run);
    this.wake();
  }

  /** A long piece of background work, one `step` at a time; `step` returns true when it is finished. */
  job(step: () => boolean, done: () => void): void {
    this.jobs.push({ step, done });
    this.wake();
  }

  get idle(): boolean {
    return this.urgentTasks.size === 0 && this.backgroundTasks.size === 0 && this.jobs.length === 0;
  }

  dispose(): void {
    this.disposed = true;
    if (this.scheduled) clearImmediate(this.scheduled);
  }

  private wake(): void {
    if (this.scheduled || this.disposed) return;
    this.scheduled = setImmediate(() => this.loop());
  }

  private loop(): void {
    this.scheduled = undefined;
    for (const [key, task] of this.urgentTasks) {
      this.urgentTasks.delete(key);
      this.safely(task.run);
    }
    const deadline = performance.now() + SLICE_MS;
    while (performance.now() < deadline && this.urgentTasks.size === 0) {
      const [key, task] = this.backgroundTasks.entries().next().value ?? [];
      if (key !== undefined && task) {
        this.backgroundTasks.delete(key);
        this.safely(task);
      } else if (this.jobs.length > 0) {
        const job = this.jobs[0]!;
        let finished = true;
        this.safely(() => (finished = job.step()));
        if (finished) {
          this.jobs.shift();
          this.safely(job.done);
        }
      } else break;
    }
    if (!this.idle) this.wake();
  }

  private safely(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.onError(error);
    }
  }
}
