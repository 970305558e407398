// Feature: the page-world bridge's client on a record page whose adapter names
// a widget. The bridge starts on the record's first read; once it answers, the
// record page reads again, now through the widgets, instead of waiting for the
// portal's next change.
import { pageBridgeReady } from '../../../../lib/bridge-client';
import { defineFeature } from '../../feature';
import type { RecordPageRoom } from '../record-page';

export default defineFeature({
  name: 'bridge-client',
  key: ({ record }) => (record?.page.fields.some((field) => field.widget) ? 'bridge' : undefined),
  start(_frame, signal, rooms) {
    void pageBridgeReady().then((bridge) => {
      if (bridge && !signal.aborted) rooms.get<RecordPageRoom>('record-page')?.page.pageChanged();
    });
    return {};
  },
});
