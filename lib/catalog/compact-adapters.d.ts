// The built-in adapters compacted at build time (wxt.config.ts, compactAdapters).
declare module 'virtual:chartguard/compact-adapters' {
  const adapters: readonly import('./compact').CompactAdapter[];
  export default adapters;
  /** Every address a built-in adapter names: where the always-on script runs. */
  export const portalMatches: string[];
  /** The hosts of those addresses (`*.` a domain and its subdomains, `*` any): a frame elsewhere is an imported portal's. */
}
