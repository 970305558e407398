// Renders public/icon.svg to the PNG sizes the stores and browsers ask for
// (16, 32, 48, 128) in headless Chromium, so the PNGs always come from the one
// SVG source. Run after editing the SVG: `node scripts/render-icons.mjs`.
// `--preview file.png` also writes a sheet of every size on a light and a dark toolbar, for checking by eye.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { findChromium } from './find-chromium.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCE = path.join(ROOT, 'public', 'icon.svg');
export const ICON_SIZES = [16, 32, 48, 128];

const svg = fs.readFileSync(SOURCE, 'utf8');
const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
const browser = await chromium.launch({
  executablePath: await findChromium({ install: false }),
  args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const size of ICON_SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}</style><img id="icon" src="${dataUrl}" width="${size}" height="${size}">`,
    );
    await page.locator('#icon').evaluate((img) => img.decode());
    const target = path.join(ROOT, 'public', 'icon', `${size}.png`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, await page.screenshot({ omitBackground: true }));
    console.log(`wrote ${path.relative(ROOT, target)}`);
  }
  const previewAt = process.argv.indexOf('--preview');
  if (previewAt > 0) {
    // Each PNG at its own pixel size, then magnified 8x without smoothing, on Chrome's light and dark toolbar colours.
    const cells = ICON_SIZES.map(
      (size) => `data:image/png;base64,${fs.readFileSync(path.join(ROOT, 'public', 'icon', `${size}.png`)).toString('base64')}`,
    );
    const row = (background) =>
      `<div style="background:${background};padding:8px;display:flex;gap:12px;align-items:center">` +
      cells.map((src, i) => `<img src="${src}" width="${ICON_SIZES[i]}">`).join('') +
      `<img src="${cells[0]}" width="128" style="image-rendering:pixelated">` +
      '</div>';
    await page.setViewportSize({ width: 480, height: 320 });
    await page.setContent(`<body style="margin:0">${row('#f1f3f4')}${row('#35363a')}</body>`);
    fs.writeFileSync(process.argv[previewAt + 1], await page.screenshot({ fullPage: true }));
  }
} finally {
  await browser.close();
}
