// The messages between the content scripts and the background about feature
// scripts (lib/feature-inject.ts), apart from it so those scripts import
// nothing else.

/** The always-on script asks for a feature script in its frame. */
export const FEATURES_LOAD_MESSAGE = 'features.load';
/** A feature script that loaded cannot read the stored adapters it works from: the background tells the page. */
export const FEATURES_UNREADABLE_MESSAGE = 'features.unreadable';
