// Runs once before the tests of the built extension: without a build they
// would fail one by one on missing files, so say at once what to run.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export default function setup() {
  const missing = ['chrome-mv3', 'firefox-mv2']
    .map((target) => path.join(ROOT, '.output', target, 'manifest.json'))
    .filter((file) => !fs.existsSync(file));
  if (missing.length) {
    throw new Error(
      `The built extension is missing (${missing.join(', ')}): run npm run build first (npm test does that before starting vitest).`,
    );
  }
}
