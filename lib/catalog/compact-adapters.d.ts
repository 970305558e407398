// The built-in adapters compacted at build time (wxt.config.ts, compactAdapters).
declare module 'virtual:chartguard/compact-adapters' {
  const adapters: readonly import('./compact').CompactAdapter[];
  export default adapters;
}
