// The protocol's names and limits without its schemas (lib/protocol.ts), so
// the record page's feature script can use them without carrying Zod (issue 18).

export const PANEL_PORT = 'chartguard-panel';

/**
 * The longest portal note Chartguard reads (a cumulative note grows for years). Longer notes are
 * not sent at all: the snapshot says how long the note is, the panel says why it cannot check it,
 * and Save is not held on it.
 */
export const NOTE_LIMIT = 2_000_000;

/**
 * A record page inside a child frame (a portal's work frame) keeps a port open to the background with this
 * name; the background docks its panel in the tab's top document and undocks it when the port closes (the
 * frame navigated away or the record left the page).
 */
export const FRAME_PORT = 'chartguard-frame';
