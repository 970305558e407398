// What the browser finders ask of the machine (is this file a program, is it
// there, may we install, can apt do it), in one place for Chromium and Firefox.
// Node built-ins only: this runs before (and without) the project's dependencies.

import fs from 'node:fs';

export async function isExecutableFile(file) {
  try {
    const stat = await fs.promises.stat(file);
    if (!stat.isFile()) return false;
    await fs.promises.access(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export async function exists(file) {
  try {
    await fs.promises.stat(file);
    return true;
  } catch {
    return false;
  }
}

export function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

export function isDebianLike() {
  return fs.existsSync('/usr/bin/apt-get') && fs.existsSync('/etc/debian_version');
}
