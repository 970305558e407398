// The one message the always-on content script sends to load a feature script
// (lib/feature-inject.ts), apart from it so that script imports nothing else.
export const FEATURES_LOAD_MESSAGE = 'features.load';
