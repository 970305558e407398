// The portal adapters built into the extension, as they run. The feature
// scripts bundle them; the always-on content script carries only their
// compact form (compact.ts); checklists are read from storage (see runtime.ts).
import { readAdapterData, type PortalAdapter } from '@chartguard/sdk/runtime';
import { builtInAdapterData } from './built-in-adapters-data';

export { builtInAdapterData };

let adapters: PortalAdapter[] | undefined;

export function builtInAdapters(): PortalAdapter[] {
  adapters ??= builtInAdapterData.map(readAdapterData);
  return adapters;
}
