// Installs the e2e host when missing: Debian's Chromium and ripgrep, and code-server 4.100.3 from npm
// into .vscode-test/ (see ../shared/notes/vscode-host.md). Idempotent: a stamp marks a finished install.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, copyFileSync, symlinkSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
const root = new URL('../..', import.meta.url).pathname;
export const cacheDir = join(root, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
export const codeServerDir = join(cacheDir, 'node_modules', 'code-server');
export const chromiumPath = '/usr/bin/chromium';
const stamp = join(cacheDir, '.installed');

function step(name, command, args, options = {}) {
  const started = Date.now();
  process.stderr.write(`[e2e host] ${name}...\n`);
  try {
    execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], ...options });
  } catch (error) {
    if (options.allowFailure) return;
    const stderr = error.stderr?.toString().split('\n').slice(-15).join('\n') ?? '';
    throw new Error(`[e2e host] step "${name}" failed (${command} ${args.join(' ')}):\n${stderr}`);
  }
  process.stderr.write(`[e2e host] ${name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

function aptInstall(packages) {
  const install = () => step(`apt-get install ${packages.join(' ')}`, 'apt-get', ['install', '-y', '--no-install-recommends', ...packages]);
  try {
    install();
  } catch {
    // Usually stale package lists; refresh them once.
    try {
      step('apt-get update', 'apt-get', ['update']);
      install();
    } catch (error) {
      throw new Error(`${error.message}\n[e2e host] apt-get (Debian/Ubuntu, as root) installs ${packages.join(' ')}; elsewhere install Chromium as ${chromiumPath} and ripgrep as /usr/bin/rg yourself.`);
    }
  }
}

function argon2Built() {
  try {
    execFileSync(process.execPath, ['-e', `require(${JSON.stringify(join(cacheDir, 'node_modules', 'argon2'))})`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function installHost() {
  const missing = [];
  if (!existsSync(chromiumPath)) missing.push('chromium');
  if (!existsSync('/usr/bin/rg')) missing.push('ripgrep');
  if (missing.length) aptInstall(missing);
  if (existsSync(stamp) && argon2Built()) return;

  rmSync(cacheDir, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  const npm = 'npm';
  step(`npm install code-server@${CODE_SERVER_VERSION}`, npm, ['install', '--no-save', '--no-package-lock', '--ignore-scripts', '--prefix', cacheDir, `code-server@${CODE_SERVER_VERSION}`]);
  // npm hoists code-server's dependencies next to it: argon2 is rebuilt where it landed.
  step('rebuild argon2', npm, ['rebuild', 'argon2'], { cwd: cacheDir });
  if (!argon2Built()) throw new Error('[e2e host] argon2 did not build; python3, make and g++ are needed');
  const vscodeDir = join(codeServerDir, 'lib', 'vscode');
  step('install the VS Code server modules', npm, ['install', '--omit=dev', '--ignore-scripts', '--no-package-lock'], { cwd: vscodeDir });
  // node-pty's own post-install fails on a missing npx package after pty.node is built: that exit code is expected.
  step('rebuild native modules', npm, ['rebuild', 'node-pty', '@parcel/watcher', '@vscode/spdlog', 'native-watchdog', '@vscode/deviceid'], { cwd: vscodeDir, allowFailure: true });
  if (!existsSync(join(vscodeDir, 'node_modules', 'node-pty', 'build', 'Release', 'pty.node'))) {
    throw new Error('[e2e host] node-pty did not build (pty.node missing); python3, make and g++ are needed');
  }
  const rgDir = join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgDir, { recursive: true });
  copyFileSync('/usr/bin/rg', join(rgDir, 'rg'));
  rmSync(join(vscodeDir, 'node_modules.asar'), { force: true });
  symlinkSync('node_modules', join(vscodeDir, 'node_modules.asar'));
  step('install the built-in extensions\' modules', npm, ['install', '--omit=dev', '--no-package-lock'], { cwd: join(vscodeDir, 'extensions') });
  writeFileSync(stamp, new Date().toISOString());
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    installHost();
    process.stderr.write('[e2e host] ready\n');
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
