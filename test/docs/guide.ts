// Reads the integration guide's complete adapter out of
// docs/integrate-a-portal.md, so the unit and end-to-end tests use exactly
// what an integrator would copy from it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// From the module's path string: a happy-dom test environment replaces the global URL.
export const GUIDE_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/integrate-a-portal.md');
export const ADAPTER_MARKER = '<!-- adapter:riverside-clinic -->';

export function guideText(): string {
  return fs.readFileSync(GUIDE_PATH, 'utf8');
}

/** The JSON text of the one ```json block right after the marker comment. */
export function guideAdapterSource(text = guideText()): string {
  const parts = text.split(ADAPTER_MARKER);
  if (parts.length !== 2) throw new Error(`${GUIDE_PATH} must contain ${ADAPTER_MARKER} exactly once (found ${parts.length - 1})`);
  const match = /^\s*```json\r?\n([\s\S]*?)\r?\n```/.exec(parts[1]!);
  if (!match) throw new Error(`${ADAPTER_MARKER} must be followed directly by a \`\`\`json block`);
  return match[1]!;
}

export function guideAdapterData(text = guideText()): unknown {
  return JSON.parse(guideAdapterSource(text));
}

/** Every other ```json block of the guide, in order, as raw text. */
export function guideSnippets(text = guideText()): string[] {
  const complete = guideAdapterSource(text);
  return [...text.matchAll(/```json\r?\n([\s\S]*?)\r?\n```/g)].map((m) => m[1]!).filter((block) => block !== complete);
}
