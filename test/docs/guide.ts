// Reads the integration guide's complete adapters out of
// docs/integrate-a-portal.md, so the unit and end-to-end tests use exactly
// what an integrator would copy from it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// From the module's path string: a happy-dom test environment replaces the global URL.
export const GUIDE_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/integrate-a-portal.md');
export const ADAPTER_MARKER = '<!-- adapter:riverside-clinic -->';
export const HOLLYBROOK_MARKER = '<!-- adapter:hollybrook -->';
export const UPGRADED_MARKER = '<!-- adapter:riverside-clinic-v2 -->';
/** Where the format-2 part of the guide starts: snippets before it are Riverside's (format 1), after it Hollybrook's. */
export const FORMAT_2_MARKER = '<!-- format-2 -->';

export function guideText(): string {
  return fs.readFileSync(GUIDE_PATH, 'utf8');
}

/** The JSON text of the one ```json block right after the marker comment. */
export function guideAdapterSource(text = guideText(), marker = ADAPTER_MARKER): string {
  const parts = text.split(marker);
  if (parts.length !== 2) throw new Error(`${GUIDE_PATH} must contain ${marker} exactly once (found ${parts.length - 1})`);
  const match = /^\s*```json\r?\n([\s\S]*?)\r?\n```/.exec(parts[1]!);
  if (!match) throw new Error(`${marker} must be followed directly by a \`\`\`json block`);
  return match[1]!;
}

export function guideAdapterData(text = guideText()): unknown {
  return JSON.parse(guideAdapterSource(text));
}

const jsonBlocks = (text: string) => [...text.matchAll(/```json\r?\n([\s\S]*?)\r?\n```/g)].map((m) => m[1]!);

/** The format-1 part of the guide (Riverside Clinic), and the format-2 part after it. */
function guideParts(text: string): [string, string] {
  const parts = text.split(FORMAT_2_MARKER);
  if (parts.length !== 2) throw new Error(`${GUIDE_PATH} must contain ${FORMAT_2_MARKER} exactly once (found ${parts.length - 1})`);
  return [parts[0]!, parts[1]!];
}

/** Every other ```json block of the guide's format-1 part, in order, as raw text. */
export function guideSnippets(text = guideText()): string[] {
  const complete = guideAdapterSource(text);
  return jsonBlocks(guideParts(text)[0]).filter((block) => block !== complete);
}

/** Hollybrook's complete format-2 adapter, as written in the guide. */
export function hollybrookAdapterData(text = guideText()): unknown {
  return JSON.parse(guideAdapterSource(text, HOLLYBROOK_MARKER));
}

/** Riverside Clinic's adapter upgraded to format 2, as the guide shows it. */
export function upgradedAdapterData(text = guideText()): unknown {
  return JSON.parse(guideAdapterSource(text, UPGRADED_MARKER));
}

/** Every other ```json block of the format-2 part, in order, as raw text. */
export function formatTwoSnippets(text = guideText()): string[] {
  const complete = new Set([guideAdapterSource(text, HOLLYBROOK_MARKER), guideAdapterSource(text, UPGRADED_MARKER)]);
  return jsonBlocks(guideParts(text)[1]).filter((block) => !complete.has(block));
}
