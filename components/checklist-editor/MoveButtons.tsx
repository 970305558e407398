// Up, down and remove for one item of a list: buttons, so reordering works by keyboard.
import type { EditorText } from '../../i18n/editor';

export interface MoveButtonsProps {
  what: string;
  index: number;
  count: number;
  onMove(delta: number): void;
  onRemove(): void;
  removeLabel: string;
  t: EditorText;
}

export function MoveButtons({ what, index, count, onMove, onRemove, removeLabel, t }: MoveButtonsProps) {
  return (
    <span className="cg-ed-move">
      <button type="button" disabled={index === 0} onClick={() => onMove(-1)} aria-label={t('moveUp', { what })} title={t('moveUp', { what })}>
        ↑
      </button>
      <button type="button" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={t('moveDown', { what })} title={t('moveDown', { what })}>
        ↓
      </button>
      <button type="button" onClick={onRemove}>
        {removeLabel}
      </button>
    </span>
  );
}
