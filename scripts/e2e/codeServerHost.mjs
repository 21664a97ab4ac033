// Runs an extension test suite inside code-server (a real VS Code 1.100 server and its Node extension
// host) driven by Debian's Chromium, as ../shared/notes/vscode-host.md describes. Always stops both.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath, codeServerDir } from './install-host.mjs';

const SERVER_START_MS = 60_000;
const SUITE_MS = 240_000;
const WIDGET_MS = 20_000;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves when `pattern` appears in the process output; rejects on exit or at the deadline. */
function waitForOutput(child, pattern, timeoutMs, label) {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${label}: no "${pattern}" within ${timeoutMs / 1000} s. Output:\n${seen.slice(-2000)}`)), timeoutMs);
    const onData = (chunk) => {
      seen += chunk.toString();
      if (seen.includes(pattern)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited with ${code} before "${pattern}". Output:\n${seen.slice(-2000)}`));
    });
  });
}

/**
 * The last lines of the logs that explain a failure: our output channel (the language server's
 * messages and the client's errors), the extension host's and the server agent's own logs.
 */
function logTails(userData, lines = 40) {
  const wanted = /(Next\.js after\(\) Lint|remoteexthost|exthost\d*\.log|remoteagent)[^/]*\.log$/;
  const found = [];
  const walk = (path) => {
    if (!existsSync(path)) return;
    for (const name of readdirSync(path)) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (wanted.test(full)) {
        const tail = readFileSync(full, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
        found.push(`--- ${full.slice(userData.length + 1)}\n${tail || '(empty)'}`);
      }
    }
  };
  walk(join(userData, 'logs'));
  return found.join('\n');
}

/** The workbench runs extensionTestsPath only for a development extension: with a .vsix, this empty one takes that place. */
function emptyRunnerExtension(scratch) {
  const dir = join(scratch, 'e2e-runner');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'e2e-runner', publisher: 'next-after-lint-tests', version: '0.0.0', engines: { vscode: '^1.90.0' } }));
  return dir;
}

/**
 * Stops code-server's whole process group (it runs detached, so Ctrl-C on the terminal does not reach
 * it) when this process is interrupted or exits before the `finally` below could run.
 */
function stopOnInterrupt(killGroup, scratch) {
  const onSignal = (signal) => {
    killGroup('SIGKILL');
    rmSync(scratch, { recursive: true, force: true });
    // Playwright's own exit hook then kills Chromium.
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  const onExit = () => killGroup('SIGKILL');
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, onSignal);
  process.on('exit', onExit);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
    process.off('exit', onExit);
  };
}

/**
 * The suite asks for a screenshot by logging `SCREENSHOT <name> [{"selector", "text", "without"?}, ...]`
 * (its console reaches this page) and waits for `<ackDir>/<name>`. The shot is taken once every widget
 * is on screen with its text and none of its `without` texts (placeholders of a widget still filling
 * in), so it also proves the user would see them; the ack says `ok` or why not.
 */
function screenshotTaker(page, ackDir, screenshotsDir) {
  const handled = new Set();
  const visible = async ({ selector, text, without = [] }) => {
    let widget = page.locator(selector).filter({ hasText: text });
    for (const placeholder of without) widget = widget.filter({ hasNotText: placeholder });
    await widget.first().waitFor({ state: 'visible', timeout: WIDGET_MS }).catch(async () => {
      const shown = await page.locator(selector).allInnerTexts().catch(() => []);
      const unless = without.length ? ` without ${without.map((t) => `"${t}"`).join(', ')}` : '';
      throw new Error(`no visible ${selector} showing "${text}"${unless} within ${WIDGET_MS / 1000} s; shown: ${JSON.stringify(shown)}`);
    });
  };
  return async (line) => {
    const request = /SCREENSHOT ([\w-]+) (\[.*\])\s*$/.exec(line);
    if (!request || handled.has(request[1])) return;
    const [, name, json] = request;
    handled.add(name);
    let outcome = 'ok';
    try {
      for (const widget of JSON.parse(json)) await visible(widget);
      if (screenshotsDir) {
        mkdirSync(screenshotsDir, { recursive: true });
        // Fade-in transitions finished, caret hidden: the picture shows the widgets as they settle.
        await page.screenshot({ path: join(screenshotsDir, `${name}.png`), animations: 'disabled', caret: 'hide' });
      }
    } catch (error) {
      outcome = `error: ${error instanceof Error ? error.message : String(error)}`;
    }
    writeFileSync(join(ackDir, name), outcome);
  };
}

/**
 * @param {object} options
 * @param {string} options.workspace folder opened in the workbench
 * @param {string} options.suitePath absolute path of the built suite module exporting run()
 * @param {string} [options.extensionDevelopmentPath] load the extension from this folder
 * @param {string} [options.vsix] install this .vsix instead
 * @param {Record<string,string>} [options.env] environment of the server (reaches the extension host)
 * @param {string} [options.screenshotsDir] where screenshots the suite asks for are saved
 * @param {number} [options.timeoutMs] deadline for the whole suite
 * @returns {Promise<{ exitCode: number | 'timeout', seconds: number, suiteOutput: string, logs: string }>}
 *   `suiteOutput` is the suite's own lines (`E2E ...`); `logs` the log tails, filled on failure only.
 */
export async function runSuiteInCodeServer(options) {
  const { chromium } = await import('playwright-core');
  const started = Date.now();
  const scratch = mkdtempSync(join(tmpdir(), 'nal-e2e-'));
  const userData = join(scratch, 'user-data');
  const extensionsDir = join(scratch, 'extensions');
  const ackDir = join(scratch, 'acks');
  mkdirSync(ackDir, { recursive: true });
  const entry = join(codeServerDir, 'out', 'node', 'entry.js');
  if (!existsSync(entry)) throw new Error(`[e2e host] code-server is not installed (${entry} is missing): run node scripts/e2e/install-host.mjs`);
  const env = { ...process.env, XDG_CONFIG_HOME: join(scratch, 'config'), XDG_DATA_HOME: join(scratch, 'data'), NEXT_AFTER_LINT_E2E_ACK_DIR: ackDir, ...options.env };
  const common = ['--user-data-dir', userData, '--extensions-dir', extensionsDir];
  if (options.vsix) {
    try {
      execFileSync(process.execPath, [entry, ...common, '--install-extension', options.vsix], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      rmSync(scratch, { recursive: true, force: true });
      throw new Error(`[e2e host] code-server --install-extension ${options.vsix} failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    }
  }
  const port = await freePort();
  const server = spawn(
    process.execPath,
    [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, ...common, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'],
    // Its own process group: code-server's children (extension host, pty host, our language server) go with it.
    { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const killGroup = (signal) => {
    try {
      process.kill(-server.pid, signal);
    } catch {
      // Already gone.
    }
  };
  const releaseSignals = stopOnInterrupt(killGroup, scratch);
  const serverOutput = [];
  server.stdout.on('data', (chunk) => serverOutput.push(chunk.toString()));
  server.stderr.on('data', (chunk) => serverOutput.push(chunk.toString()));
  let browser;
  const suiteLines = [];
  try {
    await waitForOutput(server, 'HTTP server listening on', SERVER_START_MS, '[e2e host] code-server');
    browser = await chromium
      .launch({
        executablePath: chromiumPath,
        // Its crash-report database goes under the config folder: keep it out of the home folder too.
        env: { ...process.env, XDG_CONFIG_HOME: join(scratch, 'config') },
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
      })
      .catch((error) => {
        throw new Error(`[e2e host] Chromium (${chromiumPath}) did not start: ${error.message}`);
      });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    let finish;
    const exited = new Promise((resolve) => (finish = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => finish(code));
    // Everything the extension host logs comes through here; the suite's own lines start with `E2E`.
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const text = Array.isArray(args) ? args.map(String).join(' ') : String(args);
      if (text.startsWith('E2E')) suiteLines.push(text);
    });
    const takeScreenshot = screenshotTaker(page, ackDir, options.screenshotsDir);
    page.on('console', (message) => void takeScreenshot(message.text()));
    const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
    const developmentPath = options.extensionDevelopmentPath ?? emptyRunnerExtension(scratch);
    const payload = [
      ['extensionDevelopmentPath', remote(developmentPath)],
      ['extensionTestsPath', remote(options.suitePath)],
    ];
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(options.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    const timeoutMs = options.timeoutMs ?? SUITE_MS;
    let deadline;
    const exitCode = await Promise.race([exited, new Promise((resolve) => (deadline = setTimeout(() => resolve('timeout'), timeoutMs)))]);
    clearTimeout(deadline);
    if (exitCode === 'timeout') suiteLines.push(`E2E TIMEOUT: the suite did not finish within ${timeoutMs / 1000} s`);
    return {
      exitCode,
      seconds: (Date.now() - started) / 1000,
      suiteOutput: suiteLines.join('\n'),
      logs: exitCode === 0 ? '' : `${logTails(userData)}\n--- code-server output\n${serverOutput.join('').slice(-3000)}`,
    };
  } finally {
    await browser?.close().catch(() => {});
    const stopped = server.exitCode !== null || server.signalCode !== null ? Promise.resolve() : new Promise((resolve) => server.once('exit', resolve));
    killGroup('SIGTERM');
    const timer = setTimeout(() => killGroup('SIGKILL'), 5000);
    await stopped;
    clearTimeout(timer);
    // Children that outlived code-server itself (extension host, language server).
    killGroup('SIGKILL');
    releaseSignals();
    server.stdout.destroy();
    server.stderr.destroy();
    rmSync(scratch, { recursive: true, force: true });
  }
}
