// Types for the fixture saver so the fixture tests can import its page lists.

/** Fixture file name → the route it is saved from. */
export const LEGACY_PAGES: Record<string, string>;

/** Fixture file name → [the route it is rendered from, the selector that says its widgets have started]. */
export const SPA_PAGES: Record<string, [string, string]>;
