// Runs once before the e2e files: fails fast, with the fix in the message, when
// the extension is not built or no Chromium can be had, instead of letting every
// test time out on its own.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { findChromium } from '../../scripts/find-chromium.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of the Chromium executable the e2e tests launch. */
    chromiumPath: string;
  }
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export default async function setup(project: TestProject) {
  const manifest = path.join(ROOT, '.output', 'chrome-mv3', 'manifest.json');
  if (!fs.existsSync(manifest)) {
    throw new Error(
      `The built extension is missing (${manifest}): run npm run build first ` + '(npm test does that before starting vitest).',
    );
  }
  // scripts/test.mjs has already installed Chromium if it had to; doing the
  // same here keeps `npx vitest run --project e2e` working on its own.
  const chromiumPath = await findChromium();
  project.provide('chromiumPath', chromiumPath);
}
