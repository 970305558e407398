// The page-world bridge's entry: injected by the background with
// scripting.executeScript({ world: 'MAIN' }) into one frame, only when the
// content script there has recognised a record page. Its completion value is
// the per-page secret, which executeScript hands back to the background and
// never to the page.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { newBridgeSecret, startBridge } from '../lib/widget-bridge';

export default defineUnlistedScript({
  // An anonymous IIFE: a named one would leave the secret in a page global (`var pageBridge`).
  globalName: false,
  main() {
    const secret = newBridgeSecret(window);
    startBridge(window, secret);
    return secret;
  },
});
