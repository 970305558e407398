// Finds the Chromium that the end-to-end tests drive. Those tests load the built
// extension into a real browser, so a missing browser must be installed or
// reported loudly, never turned into skipped tests.
// Node built-ins only: this runs before (and without) the project's dependencies.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { exists, isDebianLike, isExecutableFile, isRoot } from './system-probe.mjs';

export const ENV_VAR = 'CHROMIUM_PATH';

// Debian/Ubuntu package paths first; Google Chrome last because branded Chrome
// (137+) ignores --load-extension, which the tests depend on.
export const DEFAULT_CANDIDATES = Object.freeze([
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
]);

export const INSTALL_COMMAND = 'sudo apt-get update && sudo apt-get install -y chromium';

export class ChromiumNotFoundError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ChromiumNotFoundError';
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
export async function aptInstallChromium() {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update'], env);
  await run('apt-get', ['install', '-y', 'chromium'], env);
}

async function firstExecutable(candidates, isExecutable) {
  for (const candidate of candidates) {
    if (await isExecutable(candidate)) return candidate;
  }
  return null;
}

/**
 * Returns the absolute path of a Chromium executable.
 * Every system-facing piece is an option so the search can be tested without
 * touching the machine.
 */
export async function findChromium({
  install = true,
  env = process.env,
  candidates = DEFAULT_CANDIDATES,
  isExecutable = isExecutableFile,
  fileExists = exists,
  root = isRoot,
  debianLike = isDebianLike,
  installer = aptInstallChromium,
  log = (line) => console.error(line),
} = {}) {
  const fromEnv = env[ENV_VAR];
  if (fromEnv) {
    const resolved = path.resolve(fromEnv);
    if (await isExecutable(resolved)) return resolved;
    const why = (await fileExists(resolved)) ? 'is not an executable file' : 'does not exist';
    throw new ChromiumNotFoundError(
      `${ENV_VAR} is set to "${fromEnv}", but that ${why}. ` +
        `Point ${ENV_VAR} at a Chromium executable, or unset it to search the usual locations.`,
    );
  }

  const found = await firstExecutable(candidates, isExecutable);
  if (found) return found;

  const searched = candidates.join(', ');
  if (install && root() && debianLike()) {
    log(`Chromium not found (looked in ${searched}); installing it with apt-get.`);
    try {
      await installer();
    } catch (err) {
      throw new ChromiumNotFoundError(
        `Installing Chromium failed: ${err instanceof Error ? err.message : String(err)}. ` +
          `Install it yourself with \`${INSTALL_COMMAND}\`, or set ${ENV_VAR} to a Chromium executable.`,
      );
    }
    const installed = await firstExecutable(candidates, isExecutable);
    if (installed) return installed;
    throw new ChromiumNotFoundError(
      `apt-get installed chromium, but no executable appeared in ${searched}. ` + `Set ${ENV_VAR} to the Chromium executable.`,
    );
  }

  throw new ChromiumNotFoundError(
    `Chromium is required for the end-to-end tests and was not found (looked in ${searched}). ` +
      `Install it with \`${INSTALL_COMMAND}\`, ` +
      `or set ${ENV_VAR} to the path of a Chromium executable.`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const install = !process.argv.includes('--no-install');
  try {
    console.log(await findChromium({ install }));
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  }
}
