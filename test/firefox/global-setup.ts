// Runs once before the Firefox smoke: fails fast, with the fix in the message, when
// the Firefox build is missing or no Firefox can be had, instead of a skipped test.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { findFirefox } from '../../scripts/find-firefox.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of the Firefox executable the Firefox smoke launches. */
    firefoxPath: string;
  }
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export default async function setup(project: TestProject) {
  const manifest = path.join(ROOT, '.output', 'firefox-mv2', 'manifest.json');
  if (!fs.existsSync(manifest)) {
    throw new Error(
      `The built Firefox extension is missing (${manifest}): run npm run build first (npm test does that before starting vitest).`,
    );
  }
  // scripts/test.mjs has already installed Firefox if it had to; doing the same here keeps
  // `npx vitest run --project firefox` working on its own.
  project.provide('firefoxPath', await findFirefox());
}
