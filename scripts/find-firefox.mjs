// Finds the Firefox that the Firefox smoke test (test/firefox/) drives over
// WebDriver BiDi. Like Chromium for the e2e tests, a missing Firefox is
// installed (as root on a Debian-like system) or reported with the exact
// command, never turned into a skipped test.
// Node built-ins only: this runs before (and without) the project's dependencies.

import { spawn, execFile } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { exists, isDebianLike, isExecutableFile, isRoot } from './system-probe.mjs';

export const ENV_VAR = 'FIREFOX_PATH';

// Debian's ESR first: it is what the README installs and what CI runs.
export const DEFAULT_CANDIDATES = Object.freeze([
  '/usr/bin/firefox-esr',
  '/usr/lib/firefox-esr/firefox-esr',
  '/usr/bin/firefox',
  '/usr/lib/firefox/firefox',
]);

export const INSTALL_COMMAND = 'sudo apt-get update && sudo apt-get install -y firefox-esr';

/** The Firefox build declares strict_min_version 140.0 (wxt.config.ts); older ones refuse to install it. */
export const MIN_MAJOR_VERSION = 140;

export class FirefoxNotFoundError extends Error {
  constructor(message) {
    super(message);
    this.name = 'FirefoxNotFoundError';
  }
}

function run(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`\`${command} ${args.join(' ')}\` failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

// Only called as root on a Debian-like system; CI has no stdin, hence noninteractive.
export async function aptInstallFirefox() {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update'], env);
  await run('apt-get', ['install', '-y', 'firefox-esr'], env);
}

/** `Mozilla Firefox 140.5.0esr` → 140; null when the output names no version. */
export function parseMajorVersion(output) {
  const match = /Firefox\s+(\d+)\./.exec(String(output));
  return match ? Number(match[1]) : null;
}

export function firefoxVersion(executable) {
  return new Promise((resolve, reject) => {
    execFile(executable, ['--version'], { timeout: 30_000 }, (error, stdout) => (error ? reject(error) : resolve(String(stdout).trim())));
  });
}

async function firstExecutable(candidates, isExecutable) {
  for (const candidate of candidates) {
    if (await isExecutable(candidate)) return candidate;
  }
  return null;
}

/**
 * Returns the absolute path of a Firefox executable of at least MIN_MAJOR_VERSION.
 * Every system-facing piece is an option so the search can be tested without touching the machine.
 */
export async function findFirefox({
  install = true,
  env = process.env,
  candidates = DEFAULT_CANDIDATES,
  isExecutable = isExecutableFile,
  fileExists = exists,
  root = isRoot,
  debianLike = isDebianLike,
  installer = aptInstallFirefox,
  version = firefoxVersion,
  log = (line) => console.error(line),
} = {}) {
  const checked = async (executable) => {
    let output;
    try {
      output = await version(executable);
    } catch (err) {
      throw new FirefoxNotFoundError(
        `${executable} --version failed (${err instanceof Error ? err.message : String(err)}); is it a Firefox executable?`,
      );
    }
    const major = parseMajorVersion(output);
    if (major === null || major < MIN_MAJOR_VERSION) {
      throw new FirefoxNotFoundError(
        `${executable} is "${output}", but the Firefox build needs Firefox ${MIN_MAJOR_VERSION} or newer. ` +
          `Update it with \`${INSTALL_COMMAND}\`, or set ${ENV_VAR} to a newer Firefox.`,
      );
    }
    return executable;
  };

  const fromEnv = env[ENV_VAR];
  if (fromEnv) {
    const resolved = path.resolve(fromEnv);
    if (await isExecutable(resolved)) return checked(resolved);
    const why = (await fileExists(resolved)) ? 'is not an executable file' : 'does not exist';
    throw new FirefoxNotFoundError(
      `${ENV_VAR} is set to "${fromEnv}", but that ${why}. Point ${ENV_VAR} at a Firefox executable, or unset it to search the usual locations.`,
    );
  }

  const found = await firstExecutable(candidates, isExecutable);
  if (found) return checked(found);

  const searched = candidates.join(', ');
  if (install && root() && debianLike()) {
    log(`Firefox not found (looked in ${searched}); installing firefox-esr with apt-get.`);
    try {
      await installer();
    } catch (err) {
      throw new FirefoxNotFoundError(
        `Installing Firefox failed: ${err instanceof Error ? err.message : String(err)}. ` +
          `Install it yourself with \`${INSTALL_COMMAND}\`, or set ${ENV_VAR} to a Firefox executable.`,
      );
    }
    const installed = await firstExecutable(candidates, isExecutable);
    if (installed) return checked(installed);
    throw new FirefoxNotFoundError(
      `apt-get installed firefox-esr, but no executable appeared in ${searched}. Set ${ENV_VAR} to the Firefox executable.`,
    );
  }

  throw new FirefoxNotFoundError(
    `Firefox is required for the Firefox smoke test and was not found (looked in ${searched}). ` +
      `Install it with \`${INSTALL_COMMAND}\`, or set ${ENV_VAR} to the path of a Firefox executable.`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const install = !process.argv.includes('--no-install');
  try {
    console.log(await findFirefox({ install }));
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  }
}
