// Runs an extension test suite inside code-server (a real VS Code 1.100 server and its Node extension
// host) driven by Debian's Chromium, as ../shared/notes/vscode-host.md describes. Always stops both.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath, codeServerDir } from './install-host.mjs';

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

/** The last lines of every log file under `dir` whose path matches `filter`. */
function logTails(dir, filter, lines = 40) {
  const found = [];
  const walk = (path) => {
    if (!existsSync(path)) return;
    for (const name of readdirSync(path)) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (filter.test(full)) found.push(`--- ${full}\n${readFileSync(full, 'utf8').split('\n').slice(-lines).join('\n')}`);
    }
  };
  walk(dir);
  return found.join('\n');
}

function emptyRunnerExtension(scratch) {
  const dir = join(scratch, 'e2e-runner');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'e2e-runner', publisher: 'next-after-lint-tests', version: '0.0.0', engines: { vscode: '^1.90.0' } }));
  return dir;
}

/**
 * @param {object} options
 * @param {string} options.workspace folder opened in the workbench
 * @param {string} options.suitePath absolute path of the built suite module exporting run()
 * @param {string} [options.extensionDevelopmentPath] load the extension from this folder
 * @param {string} [options.vsix] install this .vsix instead
 * @param {Record<string,string>} [options.env] environment of the server (reaches the extension host)
 * @param {string} [options.screenshotsDir] where `SCREENSHOT <name>` requests from the suite are saved
 * @param {number} [options.timeoutMs]
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
  const env = { ...process.env, XDG_CONFIG_HOME: join(scratch, 'config'), XDG_DATA_HOME: join(scratch, 'data'), NEXT_AFTER_LINT_E2E_ACK_DIR: ackDir, ...options.env };
  const common = ['--user-data-dir', userData, '--extensions-dir', extensionsDir];
  if (options.vsix) {
    execFileSync(process.execPath, [entry, ...common, '--install-extension', options.vsix], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  }
  const port = await freePort();
  const server = spawn(
    process.execPath,
    [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, ...common, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'],
    // Its own process group: code-server's children (extension host, pty host, our language server) go with it.
    { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const serverOutput = [];
  server.stdout.on('data', (chunk) => serverOutput.push(chunk.toString()));
  server.stderr.on('data', (chunk) => serverOutput.push(chunk.toString()));
  let browser;
  const suiteLog = [];
  try {
    await waitForOutput(server, 'HTTP server listening on', 60000, 'code-server');
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    let finish;
    const exited = new Promise((resolve) => (finish = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => finish(code));
    await page.exposeFunction('codeAutomationLog', (type, args) => suiteLog.push(`[${type}] ${JSON.stringify(args)}`));
    page.on('console', async (message) => {
      const text = message.text();
      suiteLog.push(text);
      const request = /SCREENSHOT ([\w-]+)/.exec(text);
      if (request && options.screenshotsDir) {
        mkdirSync(options.screenshotsDir, { recursive: true });
        await page.screenshot({ path: join(options.screenshotsDir, `${request[1]}.png`) }).catch((error) => suiteLog.push(`screenshot failed: ${error}`));
        writeFileSync(join(ackDir, request[1]), 'done');
      } else if (request) {
        writeFileSync(join(ackDir, request[1]), 'skipped');
      }
    });
    const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
    // The workbench runs extensionTestsPath only for a development extension: with a .vsix, an empty
    // runner extension takes that place and the installed extension is the one under test.
    const developmentPath = options.extensionDevelopmentPath ?? emptyRunnerExtension(scratch);
    const payload = [
      ['extensionDevelopmentPath', remote(developmentPath)],
      ['extensionTestsPath', remote(options.suitePath)],
    ];
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(options.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    const timeoutMs = options.timeoutMs ?? 240000;
    let deadline;
    const exitCode = await Promise.race([exited, new Promise((resolve) => (deadline = setTimeout(() => resolve('timeout'), timeoutMs)))]);
    clearTimeout(deadline);
    return {
      exitCode,
      seconds: (Date.now() - started) / 1000,
      suiteLog: suiteLog.join('\n'),
      logs: exitCode === 0 ? '' : `${logTails(userData, /(exthost|remoteagent|Next\.js after|nextAfterLint).*\.log$/i)}\n--- code-server\n${serverOutput.join('').slice(-3000)}`,
    };
  } finally {
    await browser?.close().catch(() => {});
    const killGroup = (signal) => {
      try {
        process.kill(-server.pid, signal);
      } catch {
        // Already gone.
      }
    };
    const exited = server.exitCode !== null ? Promise.resolve() : new Promise((resolve) => server.once('exit', resolve));
    killGroup('SIGTERM');
    const timer = setTimeout(() => killGroup('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    killGroup('SIGKILL');
    server.stdout.destroy();
    server.stderr.destroy();
    rmSync(scratch, { recursive: true, force: true });
  }
}
