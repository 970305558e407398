// Feature: the top document docks the panels of records that live in its
// work frames (#14 part 1), whatever page the top document itself is.
import { defineFeature, ORPHANED } from '../../feature';
import { serveFramePanels } from '../record-page/panel-dock';

export default defineFeature({
  name: 'frame-panels',
  key: ({ childFrame }) => (childFrame ? undefined : 'top'),
  start(frame, signal) {
    const panels = serveFramePanels(frame.panelUrl, signal);
    signal.addEventListener(
      'abort',
      () => {
        if (signal.reason === ORPHANED)
          panels.orphanAll(
            'Chartguard was updated or restarted. Reload this page to continue; your answers are kept as a draft. Until then, Save is not checked.',
          );
      },
      { once: true },
    );
    return {};
  },
});
