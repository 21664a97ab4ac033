/** How long background work runs before the worker looks at its messages again. */
const SLICE_MS = 8;
/**
 * Background work pauses this long after the editor's last request: while someone types, the other
 * core stays free for the protocol thread's own analysis of each keystroke.
 */
const QUIET_AFTER_REQUEST_MS = 150;
/** ...but never longer than this without a slice: a steady stream of requests does not starve it. */
const MAX_PAUSE_MS = 1000;

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
  private scheduled: NodeJS.Immediate | NodeJS.Timeout | undefined;
  private disposed = false;
  private quietUntil = 0;
  private lastSlice = 0;

  constructor(private readonly onError: (error: unknown) => void = () => undefined) {}

  urgent(key: string, run: () => void, dropped?: () => void): void {
    const previous = this.urgentTasks.get(key);
    if (previous) {
      this.urgentTasks.delete(key);
      this.safely(() => previous.dropped?.());
    }
    this.urgentTasks.set(key, { run, dropped });
    this.quietUntil = performance.now() + QUIET_AFTER_REQUEST_MS;
    // A request never waits for the timer that resumes background work.
    this.cancelWake();
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
    this.cancelWake();
  }

  private wake(): void {
    if (this.scheduled || this.disposed) return;
    const now = performance.now();
    const quiet = this.urgentTasks.size === 0 ? Math.min(this.quietUntil - now, this.lastSlice + MAX_PAUSE_MS - now) : 0;
    this.scheduled = quiet > 0 ? setTimeout(() => this.loop(), quiet) : setImmediate(() => this.loop());
  }

  private cancelWake(): void {
    if (this.scheduled) {
      clearTimeout(this.scheduled as NodeJS.Timeout);
      clearImmediate(this.scheduled as NodeJS.Immediate);
    }
    this.scheduled = undefined;
  }

  private loop(): void {
    this.scheduled = undefined;
    for (const [key, task] of this.urgentTasks) {
      this.urgentTasks.delete(key);
      this.safely(task.run);
    }
    if (performance.now() < this.quietUntil && performance.now() - this.lastSlice < MAX_PAUSE_MS) {
      // The editor is busy: background work waits (wake() sets the timer).
      if (!this.idle) this.wake();
      return;
    }
    this.lastSlice = performance.now();
    const deadline = this.lastSlice + SLICE_MS;
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
