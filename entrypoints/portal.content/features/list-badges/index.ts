// Feature: compliance badges on a portal's record lists, graded once the
// checklists are read; restarted from scratch when they change (badges hold no user state).
import { defineFeature } from '../../feature';
import { ListBadges } from './badges';
import { storageSettings } from './badges-settings';

export default defineFeature({
  name: 'list-badges',
  key: ({ list }) => (list ? `${list.adapter.id}|${list.page.kind}|list` : undefined),
  restartWhen: 'catalog-changes',
  prepare() {
    // Asked for as the list's script arrives, where it arrives while the document is still loading, so the settings are
    // known by the time the list appears and its first frame can be badged; otherwise start() asks.
    if (document.readyState !== 'loading') return;
    storageSettings.load().catch(() => undefined);
  },
  start(frame, signal) {
    const badges = new ListBadges(frame.list!, { checklists: frame.checklists });
    signal.addEventListener('abort', () => badges.destroy(), { once: true });
    return {
      pageChanged: () => badges.pageChanged(),
      status: () => ({ list: badges.summary() }),
      settled: () => badges.settingsRead,
    };
  },
});
