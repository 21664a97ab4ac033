import * as vscode from 'vscode';
import type { AppState } from '../../server/src/lsp/protocol';

/**
 * The status bar item: the state of the Next.js app of the active editor (indexing, its number of
 * problems, off), with the Next.js version the server found. Clicking it shows the output.
 */
export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('nextAfterLint.status', vscode.StatusBarAlignment.Right, 100);
  private apps: AppState[] = [];
  private shown = false;
  private readonly subscription = vscode.window.onDidChangeActiveTextEditor(() => this.render());

  constructor() {
    this.item.name = 'Next.js after() Lint';
    this.item.command = 'nextAfterLint.showOutput';
  }

  /** What the item shows now; undefined while it is hidden. */
  get text(): string | undefined {
    return this.shown ? this.item.text : undefined;
  }

  update(apps: AppState[]): void {
    this.apps = apps;
    this.render();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }

  /** The app of the active editor: the deepest app folder that holds its file, else the only app. */
  private current(): AppState | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const holding = uri ? this.apps.filter((app) => uri.startsWith(`${app.root}/`)).sort((a, b) => b.root.length - a.root.length) : [];
    return holding[0] ?? (this.apps.length === 1 ? this.apps[0] : undefined);
  }

  private render(): void {
    const app = this.current();
    if (!app) {
      this.item.hide();
      this.shown = false;
      return;
    }
    const name = decodeURIComponent(app.root.split('/').slice(-2).join('/'));
    const version = app.nextVersion ? `Next.js ${app.nextVersion}` : 'Next.js version unknown (treated as the newest)';
    if (app.state === 'off') {
      this.item.text = '$(circle-slash) after(): off';
      this.item.tooltip = `next-after-lint is turned off for ${name} (nextAfterLint.enable). Click for the output.`;
    } else if (app.state === 'indexing') {
      this.item.text = `$(sync~spin) after(): indexing ${app.done.toLocaleString('en-US')}/${app.total.toLocaleString('en-US')}`;
      this.item.tooltip = `Indexing ${name} (${version}). Click for the output.`;
    } else {
      this.item.text = app.problems === 0 ? '$(check) after()' : `$(warning) after(): ${app.problems.toLocaleString('en-US')}`;
      this.item.tooltip = `${app.problems === 0 ? 'No' : app.problems.toLocaleString('en-US')} after() problem${app.problems === 1 ? '' : 's'} in ${name} (${version}). Click for the output.`;
    }
    this.item.show();
    this.shown = true;
  }
}
