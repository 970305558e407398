// The attribute the portal builder's picker puts on a picked control for a
// moment, so the page-world widget probe can find it; its own module so the
// probe, which runs in the page's world, carries no other code with it.
export const PROBE_ATTRIBUTE = 'data-chartguard-probe';
