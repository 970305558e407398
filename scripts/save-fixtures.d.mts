// Types for the fixture saver so the fixture tests can import its page lists.

/** Fixture file name → the route it is saved from. */
export const LEGACY_PAGES: Record<string, string>;
