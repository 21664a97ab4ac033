import type { Connection } from 'vscode-languageserver';

type Level = 'error' | 'warn' | 'info';

/**
 * The server's output (the client's output channel): each distinct problem is written once, so a
 * rule that fails on every keystroke or a settings mistake does not flood it.
 */
export class ServerLog {
  private readonly reported = new Set<string>();

  constructor(private readonly connection: Connection) {}

  once(key: string, message: string, level: Level = 'error'): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.connection.console[level](message);
  }

  /** A failure of `what`, written once per distinct message. */
  failure(what: string, error: unknown): void {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.once(`${what}:${error instanceof Error ? error.message : String(error)}`, `next-after-lint: ${what} failed: ${detail}`);
  }

  /** Runs a handler; an exception is logged and answered with `fallback`, never fatal to the server. */
  guard<T>(what: string, handler: () => T, fallback: T): T {
    try {
      return handler();
    } catch (error) {
      this.failure(what, error);
      return fallback;
    }
  }
}
