// Writes docs/rules.md from checklists/catalogue/rules.json (the project's rule list) and
// checklists/not-yet.json. `--check` exits 1 when docs/rules.md is not current.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderRulesMarkdown } from './rules-catalogue.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (file) => JSON.parse(fs.readFileSync(`${root}${file}`, 'utf8'));
const markdown = renderRulesMarkdown(read('checklists/catalogue/rules.json'), read('checklists/not-yet.json'));
const target = `${root}docs/rules.md`;

if (process.argv.includes('--check')) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== markdown) {
    console.error('docs/rules.md is not current: run node scripts/gen-rules.mjs');
    process.exit(1);
  }
} else {
  fs.writeFileSync(target, markdown);
  console.log(`wrote ${target}`);
}
