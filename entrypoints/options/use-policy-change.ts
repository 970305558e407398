// The options page and its draft protection both show what the organisation's
// policy decides; the background mirrors a policy change into storage.local, and
// this one subscription reloads what each shows without a page reload.
import { useEffect, useRef } from 'react';
import { browser } from 'wxt/browser';
import { MANAGED_KEY } from '../../lib/managed';

/** Runs `load` once on mount and again whenever the mirrored policy changes. */
export function usePolicyChange(load: () => void) {
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    latest.current();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && MANAGED_KEY in changes) latest.current();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
}
