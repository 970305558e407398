// The command line every Chromium that the e2e tests, the benches and the demo
// start is given, in one place, so a bench's figures describe the browser the
// tests drive and the demo shows the same one.

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Quiet start-up (no first-run page, no background downloads, component updates or sync, no QUIC), the given
 * unpacked extension loaded and every other one off (or every one off without it), the browser's language when
 * given, and, as root (CI containers), no sandbox, which Chromium refuses to start with there. `gpu: false`
 * (the default) is for headless runs; the demo's window keeps its GPU.
 */
export function chromiumFlags({ extensionDir, locale, gpu = false } = {}) {
  return [
    ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : ['--disable-extensions']),
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    ...(gpu ? [] : ['--disable-gpu']),
    '--disable-quic',
    ...(locale ? [`--lang=${locale}`] : []),
    ...(isRoot ? ['--no-sandbox'] : []),
  ];
}
