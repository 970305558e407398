// Writes docs/notes.md (example notes, one per checklist, in both languages)
// with the built SDK (sdk/dist, from `npm run postinstall`). `--check` exits 1
// when docs/notes.md is not current.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as sdk from '../sdk/dist/index.js';
import { NOTE_EXAMPLES, renderNotesMarkdown } from './notes-examples.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const checklists = Object.fromEntries(
  NOTE_EXAMPLES.map(({ checklist }) => [checklist, JSON.parse(fs.readFileSync(`${root}checklists/${checklist}.json`, 'utf8'))]),
);
const markdown = renderNotesMarkdown(sdk, checklists);
const target = `${root}docs/notes.md`;

if (process.argv.includes('--check')) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== markdown) {
    console.error('docs/notes.md is not current: run node scripts/gen-notes.mjs');
    process.exit(1);
  }
} else {
  fs.writeFileSync(target, markdown);
  console.log(`wrote ${target}`);
}
