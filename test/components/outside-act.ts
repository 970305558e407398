// The panel's tests that count commits need React to run as it does in a browser: a key's commit at once and a
// transition's in a later task, not everything flushed inside act().

/** Runs `body` with React's act() environment off, and restores it after. */
export async function outsideAct(body: () => Promise<void>) {
  const env = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
  const reactAct = env.IS_REACT_ACT_ENVIRONMENT;
  env.IS_REACT_ACT_ENVIRONMENT = false;
  try {
    await body();
  } finally {
    env.IS_REACT_ACT_ENVIRONMENT = reactAct;
  }
}
