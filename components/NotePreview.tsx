// The note exactly as Apply will write it into the portal.
import type { Locale } from '@chartguard/sdk';
import { memo } from 'react';
import { ui } from '../i18n/panel';

export const NotePreview = memo(function NotePreview({ note, locale }: { note: string; locale: Locale }) {
  return (
    <details className="cg-preview">
      <summary>{ui(locale, 'preview')}</summary>
      <pre tabIndex={0} data-testid="note-preview">
        {note}
      </pre>
    </details>
  );
});
