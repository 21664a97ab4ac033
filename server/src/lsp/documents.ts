import { TextDocuments, type Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';

export interface DocumentEvents {
  /** Analyse the document's current version (the promise's rejection is logged by the caller). */
  validate(uri: string): Promise<void>;
  closed(uri: string): void;
  failed(error: unknown): void;
}

/**
 * The open buffers and when to analyse them: at once on open, `debounceMs` after the last change
 * (each change restarts the wait, so a burst of typing costs one analysis), and never after close.
 * The analysis itself checks `isCurrent` before publishing: the latest version wins.
 */
export class OpenDocuments {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Opened and not yet analysed: TextDocuments reports an open as a content change too. */
  private readonly justOpened = new Set<string>();

  constructor(private readonly events: DocumentEvents, public debounceMs: number) {
    this.documents.onDidOpen((event) => {
      this.justOpened.add(event.document.uri);
      this.schedule(event.document.uri, 0);
    });
    this.documents.onDidChangeContent((event) => {
      const uri = event.document.uri;
      this.schedule(uri, this.justOpened.has(uri) ? 0 : this.debounceMs);
    });
    this.documents.onDidClose((event) => {
      this.cancel(event.document.uri);
      this.events.closed(event.document.uri);
    });
  }

  listen(connection: Connection): void {
    this.documents.listen(connection);
  }

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  /** Whether `version` is still the document's newest: work for an older one is dropped. */
  isCurrent(uri: string, version: number): boolean {
    return this.documents.get(uri)?.version === version;
  }

  /** Settings or project files changed: every open document is analysed again. */
  scheduleAll(): void {
    for (const document of this.documents.all()) this.schedule(document.uri, 0);
  }

  /** Something the document depends on changed (another file it imports): analyse it again now. */
  scheduleSoon(uri: string): void {
    if (this.documents.get(uri)) this.schedule(uri, 0);
  }

  dispose(): void {
    for (const uri of [...this.timers.keys()]) this.cancel(uri);
  }

  private schedule(uri: string, delay: number): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.justOpened.delete(uri);
        this.events.validate(uri).catch((error: unknown) => this.events.failed(error));
      }, delay),
    );
  }

  private cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.justOpened.delete(uri);
  }
}
