// The real-widget demo portals (/legacy, /spa) load the widget libraries the
// way their real counterparts do: as files a browser fetches. This serves the
// installed npm packages' own dist files from node_modules (no CDN, no copy in
// the repo), limited to named package folders and to asset file types, so no
// request can reach anything else on disk.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { send } from './http.mjs';

export const NODE_MODULES = fileURLToPath(new URL('../node_modules/', import.meta.url));

const CONTENT_TYPES = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/**
 * `mounts` maps a URL folder name to a folder inside node_modules, e.g.
 * `{ select2: 'select2/dist' }`. Returns `serve(res, [mount, ...rest], notFound)`.
 */
export function vendorFiles(mounts) {
  const roots = new Map(Object.entries(mounts).map(([name, dir]) => [name, path.join(NODE_MODULES, dir)]));
  return async function serveVendor(res, segments, notFound) {
    const [mount, ...rest] = segments;
    const root = roots.get(mount);
    if (!root || rest.length === 0 || rest.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\'))) return notFound();
    const file = path.join(root, ...rest);
    const type = CONTENT_TYPES[path.extname(file)];
    if (!type || !file.startsWith(root + path.sep)) return notFound();
    let content;
    try {
      content = await fs.promises.readFile(file);
    } catch {
      return notFound();
    }
    // Library files never change while the server runs; let the browser keep them.
    return send(res, 200, content, type, { 'Cache-Control': 'max-age=3600' });
  };
}
