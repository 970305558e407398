// Least privilege, checked on what ships: the built manifests for both
// browsers, and the extension's own sources for any way to reach the network.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const read = (target: string) => JSON.parse(readFileSync(join(root, '.output', target, 'manifest.json'), 'utf8'));

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe.each(['chrome-mv3', 'firefox-mv2'])('the %s manifest', (target) => {
  const manifest = read(target);
  const portals = ['http://127.0.0.1/*', 'http://localhost/*'];

  it('asks only for storage and scripting, and for no host beyond the configured portals', () => {
    expect((manifest.permissions ?? []).filter((p: string) => !p.includes('://'))).toEqual(['storage', 'scripting']);
    const hosts = [...(manifest.host_permissions ?? []), ...(manifest.permissions ?? []).filter((p: string) => p.includes('://'))];
    // Other portals only as optional permissions, requested when an adapter is imported.
    expect(manifest.optional_host_permissions ?? manifest.optional_permissions).toEqual(['http://*/*', 'https://*/*']);
    expect(hosts.filter((host: string) => !portals.includes(host))).toEqual([]);
    for (const script of manifest.content_scripts) expect(script.matches.every((match: string) => portals.includes(match))).toBe(true);
  });

  it('cannot be messaged by web pages or other extensions', () => {
    expect(manifest.externally_connectable).toBeUndefined();
  });

  it('lets portal pages embed only the panel page', () => {
    const war = manifest.web_accessible_resources;
    if (manifest.manifest_version === 3) {
      expect(war).toEqual([
        { resources: ['panel.html', 'portal-builder.html'], matches: ['http://*/*', 'https://*/*'], use_dynamic_url: true },
      ]);
    } else {
      expect(war).toEqual(['panel.html', 'portal-builder.html']);
    }
  });

  it('runs only its own packaged scripts', () => {
    const csp = manifest.manifest_version === 3 ? manifest.content_security_policy?.extension_pages : manifest.content_security_policy;
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:|wasm-unsafe-eval|\*/);
  });
});

describe('the extension’s own code', () => {
  const files = ['entrypoints', 'lib', 'components'].flatMap(sourceFiles);

  /** The page-world wrap that notices a portal's own autosave and beacons names the page's network functions; it may only pass their calls on. */
  const SAVE_REQUEST_WATCH = 'lib/page-bridge/save-requests.ts';

  it.each(files.filter((file) => file !== SAVE_REQUEST_WATCH))('%s makes no network requests', (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    expect(text).not.toMatch(/\bfetch\s*\(|XMLHttpRequest|WebSocket|sendBeacon|EventSource|importScripts/);
  });

  it(`${SAVE_REQUEST_WATCH} only passes the page's own network calls on: it makes none, opens none, reads no body`, () => {
    expect(files).toContain(SAVE_REQUEST_WATCH);
    const text = readFileSync(join(root, SAVE_REQUEST_WATCH), 'utf8');
    expect(text).not.toMatch(
      /\bfetch\s*\(|new\s+\w*XMLHttpRequest|WebSocket|EventSource|importScripts|\.(json|text|blob|arrayBuffer|formData|body|responseText|response)\b/,
    );
    // Each of the page's functions is called once, with the page's own `this` and arguments.
    expect(text.match(/\b(pageFetch|pageOpen|pageSend|pageBeacon)\b[^;\n]*\.apply\(this, args\)/g)).toHaveLength(4);
  });

  it.each(files)('%s never inserts HTML', (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    expect(text).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|document\.write/);
  });
});
