// Runs one CPU benchmark part in a process set up like the extension: Zod's
// JIT off before anything loads Zod's schemas, and (with node's
// --disallow-code-generation-from-strings) eval and new Function refused.
//   node --disallow-code-generation-from-strings bench/child.mjs <validation|notes> '<options JSON>'
// Prints progress on stderr and the figures as JSON on stdout.
import { z } from 'zod';

z.config({ jitless: true });

let evalAllowed = true;
try {
  new Function('return 1');
} catch {
  evalAllowed = false;
}

const [part, optionsJson = '{}'] = process.argv.slice(2);
const parts = { validation: './validation.mjs', notes: './notes.mjs' };
if (!parts[part]) {
  process.stderr.write(`usage: node bench/child.mjs <${Object.keys(parts).join('|')}> [options JSON]\n`);
  process.exit(2);
}
const { run } = await import(parts[part]);
const results = await run({ ...JSON.parse(optionsJson), log: (line) => process.stderr.write(`  ${line}\n`) });
process.stdout.write(`${JSON.stringify({ evalAllowed, results })}\n`);
