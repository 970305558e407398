// One search for the browsers the tests drive (find-chromium.mjs for the e2e
// tests, find-firefox.mjs for the Firefox smoke): the environment variable,
// then the usual paths, then apt-get as root on a Debian-like system, and
// otherwise an error that gives the exact command. A missing browser is never
// turned into skipped tests.
// Node built-ins only: this runs before (and without) the project's dependencies.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { exists, isDebianLike, isExecutableFile, isRoot } from './system-probe.mjs';

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

/** Only called as root on a Debian-like system; CI has no stdin, hence noninteractive. */
export async function aptInstall(debianPackage) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update'], env);
  await run('apt-get', ['install', '-y', debianPackage], env);
}

async function firstExecutable(candidates, isExecutable) {
  for (const candidate of candidates) {
    if (await isExecutable(candidate)) return candidate;
  }
  return null;
}

/**
 * The search itself. `browser` says what is looked for: its `name` in messages, the `envVar` that points at it,
 * the usual `candidates` paths, the Debian `debianPackage`, its `installer` and `installCommand`, what the tests
 * `needIt` for, the `NotFound` error class, and `accept(executable)`, which resolves with the executable or throws
 * when it will not do (Firefox's version).
 * Every system-facing piece is an option so the search can be tested without touching the machine.
 */
export async function findBrowser(
  browser,
  {
    install = true,
    env = process.env,
    candidates = browser.candidates,
    isExecutable = isExecutableFile,
    fileExists = exists,
    root = isRoot,
    debianLike = isDebianLike,
    installer = browser.installer,
    log = (line) => console.error(line),
  } = {},
) {
  const { name, envVar, debianPackage, installCommand, needIt, NotFound, accept } = browser;
  const fromEnv = env[envVar];
  if (fromEnv) {
    const resolved = path.resolve(fromEnv);
    if (await isExecutable(resolved)) return accept(resolved);
    const why = (await fileExists(resolved)) ? 'is not an executable file' : 'does not exist';
    throw new NotFound(
      `${envVar} is set to "${fromEnv}", but that ${why}. Point ${envVar} at a ${name} executable, or unset it to search the usual locations.`,
    );
  }

  const found = await firstExecutable(candidates, isExecutable);
  if (found) return accept(found);

  const searched = candidates.join(', ');
  if (install && root() && debianLike()) {
    log(`${name} not found (looked in ${searched}); installing ${debianPackage} with apt-get.`);
    try {
      await installer();
    } catch (err) {
      throw new NotFound(
        `Installing ${name} failed: ${err instanceof Error ? err.message : String(err)}. ` +
          `Install it yourself with \`${installCommand}\`, or set ${envVar} to a ${name} executable.`,
      );
    }
    const installed = await firstExecutable(candidates, isExecutable);
    if (installed) return accept(installed);
    throw new NotFound(
      `apt-get installed ${debianPackage}, but no executable appeared in ${searched}. Set ${envVar} to the ${name} executable.`,
    );
  }

  throw new NotFound(
    `${name} is required for ${needIt} and was not found (looked in ${searched}). ` +
      `Install it with \`${installCommand}\`, or set ${envVar} to the path of a ${name} executable.`,
  );
}

/** `node scripts/find-<browser>.mjs [--no-install]` prints the path, or the reason and exit code 1. */
export async function runAsScript(moduleUrl, find) {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(path.resolve(process.argv[1])).href) return;
  try {
    console.log(await find({ install: !process.argv.includes('--no-install') }));
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  }
}
