// Feature: the record page. Docks the panel beside a record whose adapter
// fields are on screen, keeps it told of the portal's changes, and answers the
// panel's port; the Save guard asks it for its verdict through its room.
import { browser } from '../../../../lib/lean-browser';
import { defineFeature, ORPHANED, type FeatureRoom } from '../../feature';
import type { SaveGuardRoom } from '../save-guard';
import { watchUnannouncedSaves } from '../save-guard/save-watch';
import { dockInTopDocument } from './panel-dock';
import { backgroundPagePath, isPanelPort, RecordPage } from './record-page';

export interface RecordPageRoom extends FeatureRoom {
  readonly page: RecordPage;
}

export default defineFeature<RecordPageRoom>({
  name: 'record-page',
  key: ({ record }) => (record ? `${record.adapter.id}|${record.page.kind}|${record.recordId ?? ''}` : undefined),
  restartWhen: 'adapters-change',
  start(frame, signal, rooms) {
    const page = new RecordPage(frame.record!, {
      panelUrl: frame.panelUrl,
      // A record in a work frame docks its panel in the tab's top document.
      mountPanel: frame.childFrame ? () => dockInTopDocument(frame.panelUrl) : undefined,
      checklists: frame.checklists,
      release: (control) => rooms.get<SaveGuardRoom>('save-guard')?.guard.release(control),
      onReady: () => rooms.get<SaveGuardRoom>('save-guard')?.recordReady(),
    });
    const relayPath = backgroundPagePath(browser.runtime.getManifest().background as { page?: string; scripts?: string[] } | undefined);
    const onConnect = (port: Parameters<Parameters<typeof browser.runtime.onConnect.addListener>[0]>[0]) => {
      if (!isPanelPort(port, browser.runtime.id, relayPath)) {
        port.disconnect();
        return;
      }
      page.attach(port);
    };
    browser.runtime.onConnect.addListener(onConnect);
    // The saves no DOM event announces (page script's form.submit(), autosave requests), where the adapter names them.
    const guard = rooms.get<SaveGuardRoom>('save-guard')?.guard;
    const stopSaveWatch = guard ? watchUnannouncedSaves(page, guard) : () => {};
    const edited = () => page.pageChanged(true);
    document.addEventListener('input', edited, { capture: true, signal });
    document.addEventListener('change', edited, { capture: true, signal });
    signal.addEventListener(
      'abort',
      () => {
        browser.runtime.onConnect.removeListener(onConnect);
        stopSaveWatch();
        // The extension went away: the panel says so and the page keeps working; otherwise the panel goes.
        if (signal.reason === ORPHANED) page.orphaned();
        else page.destroy();
      },
      { once: true },
    );
    return {
      page,
      pageChanged: () => page.pageChanged(),
      status() {
        const { checklist, saveHeld } = page.popupState();
        return { panel: true, checklist: checklist ? { id: checklist.id, title: { ...checklist.title } } : null, saveHeld };
      },
      showPanel: () => page.reveal(),
    };
  },
});
