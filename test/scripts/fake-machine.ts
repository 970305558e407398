// The machine the browser finders' tests search: which files exist and run,
// the environment, root or not, Debian or not, and an installer that may add
// executables or fail. Shared by the Chromium and Firefox finder tests.
import { vi } from 'vitest';
import type { BrowserSearchOptions } from '../../scripts/find-browser.mjs';

export interface FakeMachine {
  executables?: string[];
  plainFiles?: string[];
  env?: Record<string, string>;
  root?: boolean;
  debian?: boolean;
  install?: boolean;
  /** Executables that appear once the installer has run. */
  installs?: string[];
  installFails?: boolean;
}

/** Search options that look only at `machine`; `candidates` are the finder's places to look, `aptPackage` what it installs. */
export function fakeMachine(machine: FakeMachine, candidates: string[], aptPackage: string) {
  const executables = new Set(machine.executables ?? []);
  const files = new Set([...(machine.plainFiles ?? []), ...executables]);
  const installer = vi.fn(async () => {
    if (machine.installFails) throw new Error(`apt-get install -y ${aptPackage} failed (exit code 100)`);
    for (const file of machine.installs ?? []) {
      executables.add(file);
      files.add(file);
    }
  });
  const options = {
    install: machine.install ?? true,
    env: machine.env ?? {},
    candidates,
    isExecutable: (file: string) => executables.has(file),
    fileExists: (file: string) => files.has(file),
    root: () => machine.root ?? false,
    debianLike: () => machine.debian ?? false,
    installer,
    log: () => {},
  } satisfies BrowserSearchOptions;
  return { options, installer };
}
