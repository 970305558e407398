// The Chromium finder decides whether the e2e suite can run at all, so each
// branch (env override, search order, install, refusal) is pinned down here
// against a fake filesystem; nothing on the real machine is touched.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../scripts/find-chromium.mjs';
import { type FakeMachine, fakeMachine } from './fake-machine.js';

const CANDIDATES = ['/fake/a/chromium', '/fake/b/chromium-browser', '/fake/c/google-chrome'];
const COMMAND = 'sudo apt-get update && sudo apt-get install -y chromium';

function fake(machine: FakeMachine) {
  return fakeMachine(machine, CANDIDATES, 'chromium');
}

describe('findChromium', () => {
  const found: Array<[string, FakeMachine, string, number]> = [
    [
      'CHROMIUM_PATH wins over every candidate',
      { env: { CHROMIUM_PATH: '/opt/custom/chrome' }, executables: ['/opt/custom/chrome', CANDIDATES[0]!] },
      '/opt/custom/chrome',
      0,
    ],
    ['the first existing candidate wins', { executables: [CANDIDATES[2]!, CANDIDATES[1]!] }, CANDIDATES[1]!, 0],
    ['a non-executable candidate is passed over', { plainFiles: [CANDIDATES[0]!], executables: [CANDIDATES[2]!] }, CANDIDATES[2]!, 0],
    [
      'nothing found as root on Debian: installs, then finds it',
      { root: true, debian: true, installs: [CANDIDATES[0]!] },
      CANDIDATES[0]!,
      1,
    ],
  ];

  it.each(found)('%s', async (_name, machine, expected, installs) => {
    const { options, installer } = fake(machine);
    await expect(findChromium(options)).resolves.toBe(expected);
    expect(installer).toHaveBeenCalledTimes(installs);
  });

  const refused: Array<[string, FakeMachine, string[]]> = [
    [
      'CHROMIUM_PATH pointing at a missing file',
      { env: { CHROMIUM_PATH: '/nowhere/chrome' }, executables: [CANDIDATES[0]!] },
      ['CHROMIUM_PATH', '/nowhere/chrome', 'does not exist'],
    ],
    [
      'CHROMIUM_PATH pointing at a file that is not executable',
      { env: { CHROMIUM_PATH: '/opt/readme.txt' }, plainFiles: ['/opt/readme.txt'] },
      ['CHROMIUM_PATH', '/opt/readme.txt', 'not an executable'],
    ],
    ['nothing found and not root', { root: false, debian: true }, [COMMAND, 'CHROMIUM_PATH', CANDIDATES[0]!]],
    ['nothing found, root, but not Debian-like', { root: true, debian: false }, [COMMAND, 'CHROMIUM_PATH']],
    ['nothing found and installing disabled', { root: true, debian: true, install: false }, [COMMAND]],
  ];

  it.each(refused)('refuses: %s', async (_name, machine, fragments) => {
    const { options, installer } = fake(machine);
    const error = await findChromium(options).then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(Error);
    for (const fragment of fragments) expect((error as Error).message).toContain(fragment);
    expect(installer).not.toHaveBeenCalled();
  });

  it('reports the manual command when the install itself fails', async () => {
    const { options, installer } = fake({ root: true, debian: true, installFails: true });
    await expect(findChromium(options)).rejects.toThrow(COMMAND);
    expect(installer).toHaveBeenCalledTimes(1);
  });

  it('says so when the install succeeds but no browser appears', async () => {
    const { options, installer } = fake({ root: true, debian: true, installs: ['/elsewhere/chromium'] });
    await expect(findChromium(options)).rejects.toThrow(/CHROMIUM_PATH/);
    expect(installer).toHaveBeenCalledTimes(1);
  });
});

describe('findChromium on the real filesystem (CHROMIUM_PATH only)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-find-chromium-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('accepts an executable file and rejects a non-executable one or a directory', async () => {
    const exe = path.join(dir, 'chrome');
    const plain = path.join(dir, 'notes.txt');
    fs.writeFileSync(exe, '#!/bin/sh\n', { mode: 0o755 });
    fs.writeFileSync(plain, 'text', { mode: 0o644 });
    const noSearch = { candidates: [], install: false };

    await expect(findChromium({ ...noSearch, env: { CHROMIUM_PATH: exe } })).resolves.toBe(exe);
    // Root may execute any file with an x bit, but none is set here.
    await expect(findChromium({ ...noSearch, env: { CHROMIUM_PATH: plain } })).rejects.toThrow(/not an executable/);
    await expect(findChromium({ ...noSearch, env: { CHROMIUM_PATH: dir } })).rejects.toThrow(/not an executable/);
  });
});
