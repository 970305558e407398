// The portal builder's widget probe: injected by the builder page with
// scripting.executeScript({ world: 'MAIN' }) into the frame where the user
// picked a control; its completion value is the list of widget libraries
// running that control (lib/widget-probe.ts). It leaves nothing behind.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { probeMarkedControl } from '../lib/widget-probe';

export default defineUnlistedScript({
  globalName: false,
  main() {
    return probeMarkedControl(window);
  },
});
