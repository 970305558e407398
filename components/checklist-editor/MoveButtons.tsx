// Up, down and remove for one item of a list: buttons, so reordering works by keyboard.
import type { EditorText } from '../../i18n/editor';
import { changeThenFocus } from './focus-after';

export interface MoveButtonsProps {
  what: string;
  index: number;
  count: number;
  onMove(delta: number): void;
  onRemove(): void;
  removeLabel: string;
  t: EditorText;
}

/** The list item's own buttons (the first set in it: nested lists come after them). */
const buttonsOf = (position: number) => `:scope > ol > li:nth-child(${position}) .cg-ed-move`;

export function MoveButtons({ what, index, count, onMove, onRemove, removeLabel, t }: MoveButtonsProps) {
  // The list's parent holds the list and its add button; it outlives the change.
  const holder = (target: Element) => target.closest('li')?.parentElement?.parentElement;
  const move = (target: Element, delta: number) => {
    const at = buttonsOf(index + delta + 1);
    changeThenFocus(() => onMove(delta), holder(target), [
      `${at} > [data-move="${delta < 0 ? 'up' : 'down'}"]:not(:disabled)`,
      `${at} > button:not(:disabled)`,
    ]);
  };
  return (
    <span className="cg-ed-move">
      <button
        type="button"
        data-move="up"
        disabled={index === 0}
        onClick={(event) => move(event.currentTarget, -1)}
        aria-label={t('moveUp', { what })}
        title={t('moveUp', { what })}
      >
        ↑
      </button>
      <button
        type="button"
        data-move="down"
        disabled={index === count - 1}
        onClick={(event) => move(event.currentTarget, 1)}
        aria-label={t('moveDown', { what })}
        title={t('moveDown', { what })}
      >
        ↓
      </button>
      <button
        type="button"
        className="cg-ed-remove"
        onClick={(event) =>
          // The item that takes its place, else the one before, else the list's add button.
          changeThenFocus(onRemove, holder(event.currentTarget), [
            `${buttonsOf(index + 1)} > .cg-ed-remove`,
            `${buttonsOf(index)} > .cg-ed-remove`,
            ':scope > button',
            ':scope > .cg-ed-row > button',
            ':scope > ol > li:last-child > button',
          ])
        }
      >
        {removeLabel}
      </button>
    </span>
  );
}
