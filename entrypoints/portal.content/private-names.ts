// The always-on script's property names that no other script sees, which the
// build shortens (wxt.config.ts, minifyAlwaysOn): every portal page pays for
// each byte of that script (issue 18). A name belongs here only while nothing
// outside the always-on script reads or writes it: not a feature script (the
// record page's and the list's, which run beside it and reach the guard and
// the router through objects), not the background, not the browser (terser
// also leaves any name the DOM uses alone). test/extension/split-bundles.test.ts
// fails if a feature script uses one of them.

export const ALWAYS_ON_PRIVATE_NAMES = [
  // router.ts: a running feature's room, a feature script's state, the router's view for the guard.
  'room',
  'catalogRead',
  'detectNow',
  'recordComing',
  'needRecord',
  // save-guard.ts: the guard's options and its own methods and records of a press.
  'saveControlFor',
  'onError',
  'onFailOpen',
  'shortcutFor',
  'listen',
  'heldEarly',
  'rejudge',
  'watchFrame',
  'replay',
  'decision',
] as const;
