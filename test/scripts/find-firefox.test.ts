// The Firefox finder decides whether the Firefox smoke can run at all, so each
// branch (env override, search order, install, refusal, too old a Firefox) is
// pinned down against a fake machine; nothing on the real machine is touched.
import { describe, expect, it } from 'vitest';
import { findFirefox, INSTALL_COMMAND, parseMajorVersion, type FindFirefoxOptions } from '../../scripts/find-firefox.mjs';
import { type FakeMachine, fakeMachine } from './fake-machine.js';

const CANDIDATES = ['/fake/a/firefox-esr', '/fake/b/firefox'];
const COMMAND = 'sudo apt-get update && sudo apt-get install -y firefox-esr';

/** A fake machine whose Firefoxes answer `--version` with `versions` (`Mozilla Firefox 140.5.0esr` when not given). */
type FirefoxMachine = FakeMachine & { versions?: Record<string, string> };

function fake(machine: FirefoxMachine) {
  const { options, installer } = fakeMachine(machine, CANDIDATES, 'firefox-esr');
  const withVersion: FindFirefoxOptions = { ...options, version: (file) => machine.versions?.[file] ?? 'Mozilla Firefox 140.5.0esr' };
  return { options: withVersion, installer };
}

const failure = (options: FindFirefoxOptions) =>
  findFirefox(options).then(
    () => null,
    (err: unknown) => (err instanceof Error ? err.message : String(err)),
  );

describe('findFirefox', () => {
  it('the install command it names is the one the README gives', () => {
    expect(INSTALL_COMMAND).toBe(COMMAND);
  });

  it.each<[string, FirefoxMachine, string, number]>([
    [
      'FIREFOX_PATH wins over every candidate',
      { env: { FIREFOX_PATH: '/opt/ff/firefox' }, executables: ['/opt/ff/firefox', CANDIDATES[0]!] },
      '/opt/ff/firefox',
      0,
    ],
    ['firefox-esr comes before firefox', { executables: [CANDIDATES[1]!, CANDIDATES[0]!] }, CANDIDATES[0]!, 0],
    ['a non-executable candidate is passed over', { plainFiles: [CANDIDATES[0]!], executables: [CANDIDATES[1]!] }, CANDIDATES[1]!, 0],
    [
      'nothing found as root on Debian: installs firefox-esr, then finds it',
      { root: true, debian: true, installs: [CANDIDATES[0]!] },
      CANDIDATES[0]!,
      1,
    ],
  ])('%s', async (_name, machine, expected, installs) => {
    const { options, installer } = fake(machine);
    await expect(findFirefox(options)).resolves.toBe(expected);
    expect(installer).toHaveBeenCalledTimes(installs);
  });

  it.each<[string, FirefoxMachine, string[]]>([
    [
      'FIREFOX_PATH pointing at a missing file',
      { env: { FIREFOX_PATH: '/nowhere/firefox' }, executables: [CANDIDATES[0]!] },
      ['FIREFOX_PATH', '/nowhere/firefox', 'does not exist'],
    ],
    [
      'FIREFOX_PATH pointing at a file that is not executable',
      { env: { FIREFOX_PATH: '/opt/readme.txt' }, plainFiles: ['/opt/readme.txt'] },
      ['FIREFOX_PATH', 'not an executable'],
    ],
    ['nothing found and not root', { root: false, debian: true }, [COMMAND, 'FIREFOX_PATH', CANDIDATES[0]!]],
    ['nothing found, root, but not Debian-like', { root: true, debian: false }, [COMMAND, 'FIREFOX_PATH']],
    ['nothing found and installing disabled', { root: true, debian: true, install: false }, [COMMAND]],
    [
      'a Firefox older than the build’s strict_min_version',
      { executables: [CANDIDATES[0]!], versions: { [CANDIDATES[0]!]: 'Mozilla Firefox 128.14.0esr' } },
      ['128.14.0esr', '140 or newer', COMMAND],
    ],
    [
      'something that is not Firefox',
      { executables: [CANDIDATES[0]!], versions: { [CANDIDATES[0]!]: 'GNU bash, version 5.2' } },
      ['140 or newer'],
    ],
  ])('refuses: %s', async (_name, machine, fragments) => {
    const { options, installer } = fake(machine);
    const message = await failure(options);
    expect(message).not.toBeNull();
    for (const fragment of fragments) expect(message).toContain(fragment);
    expect(installer).not.toHaveBeenCalled();
  });

  it('reports the manual command when the install itself fails', async () => {
    const { options, installer } = fake({ root: true, debian: true, installFails: true });
    expect(await failure(options)).toContain(COMMAND);
    expect(installer).toHaveBeenCalledTimes(1);
  });

  it('reads the major version from what Debian and Mozilla builds print', () => {
    expect(parseMajorVersion('Mozilla Firefox 153.8.0esr')).toBe(153);
    expect(parseMajorVersion('Mozilla Firefox 141.0')).toBe(141);
    expect(parseMajorVersion('firefox: command not found')).toBeNull();
  });
});
