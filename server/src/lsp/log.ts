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
    try {
      this.connection.console[level](message);
    } catch {
      // The client went away (the connection is disposed): there is no one left to tell.
    }
  }

  /** A notification whose delivery nobody waits for: a client that went away is not an error. */
  quietly(sent: Promise<unknown>): void {
    sent.catch(() => undefined);
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
