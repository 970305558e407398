// The portal builder's picker entry: injected with scripting.executeScript
// into every frame of the tab when the user chooses "Set up this portal" in
// the toolbar popup (never declared as a content script). In the top frame it
// docks the builder page; in every frame it picks what the user clicks.
import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { z } from 'zod';
import { startPicker } from '../lib/picker';

export default defineUnlistedScript({
  globalName: false,
  main() {
    z.config({ jitless: true });
    startPicker(window === window.top ? browser.runtime.getURL('/portal-builder.html') : undefined);
  },
});
