import { type DragEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mediaUrl } from '../../../../shared/app.ts';
import { CloseIcon } from '../../ui/CloseIcon.tsx';

/** A reorder within the list carries the index it started from (not library ids: it adds nothing). */
const ORDER_MIME = 'application/x-lagoon-input-index';

const onDragStart = (e: DragEvent, index: number) => {
  e.dataTransfer.setData(ORDER_MIME, String(index));
  e.dataTransfer.effectAllowed = 'move';
};

interface Props {
  ids: readonly string[];
  /** Inputs past this many are listed but not sent (the model takes no more). */
  limit: number;
  onMove: (from: number, to: number) => void;
  onRemove: (index: number) => void;
}

/**
 * The chosen inputs in the order they are sent; the first is the base. Reordered with the arrow buttons (keyboard)
 * or by dragging one onto another (mouse).
 */
export function InputList({ ids, limit, onMove, onRemove }: Props) {
  const { t } = useTranslation();
  const [over, setOver] = useState<number | null>(null);
  const list = useRef<HTMLOListElement>(null);
  // The moved input keeps the keyboard focus, on the same arrow while it can still go that way.
  const moveByKey = (from: number, to: number) => {
    const id = ids[from];
    onMove(from, to);
    requestAnimationFrame(() => {
      const item = [...(list.current?.children ?? [])].find((el) => el instanceof HTMLElement && el.dataset.imageId === id);
      const buttons = [...(item?.querySelectorAll('button') ?? [])];
      const preferred = buttons[to < from ? 0 : 1];
      (preferred && !preferred.disabled ? preferred : buttons.find((b) => !b.disabled))?.focus();
    });
  };
  const onDragOver = (e: DragEvent, index: number) => {
    if (!e.dataTransfer.types.includes(ORDER_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    setOver(index);
  };
  const onDrop = (e: DragEvent, index: number) => {
    setOver(null);
    const from = Number.parseInt(e.dataTransfer.getData(ORDER_MIME), 10);
    if (Number.isNaN(from)) return;
    // Handled here: the panel's own drop zone must not take it as a new input.
    e.preventDefault();
    e.stopPropagation();
    onMove(from, index);
  };
  if (ids.length === 0) return null;
  return (
    <ol ref={list} className="iterate-inputs" data-testid="iterate-inputs" aria-label={t('iterate.form.inputsLabel')}>
      {ids.map((id, i) => {
        const unused = i >= limit;
        const position = i === 0 && limit > 1 ? t('iterate.form.base') : t('iterate.form.position', { n: i + 1 });
        return (
          <li
            key={id}
            className={`iterate-input${unused ? ' iterate-input--unused' : ''}${over === i ? ' iterate-input--over' : ''}`}
            data-testid="iterate-input"
            data-image-id={id}
            draggable
            onDragStart={(e) => onDragStart(e, i)}
            onDragOver={(e) => onDragOver(e, i)}
            onDragLeave={() => setOver(null)}
            onDrop={(e) => onDrop(e, i)}
          >
            <img className="iterate-input__thumb" src={mediaUrl('thumb', id)} alt="" draggable={false} />
            <span className="iterate-input__label">
              {position}
              {unused && <span className="muted"> · {t('iterate.form.notUsed')}</span>}
            </span>
            <span className="iterate-input__tools">
              <button type="button" className="icon-button icon-button--small" data-testid="iterate-input-earlier" aria-label={t('iterate.form.moveEarlier', { n: i + 1 })} disabled={i === 0} onClick={() => moveByKey(i, i - 1)}>
                <svg viewBox="0 0 24 24" aria-hidden="true">
                  <path d="M12 19V5M6 11l6-6 6 6" />
                </svg>
              </button>
              <button type="button" className="icon-button icon-button--small" data-testid="iterate-input-later" aria-label={t('iterate.form.moveLater', { n: i + 1 })} disabled={i === ids.length - 1} onClick={() => moveByKey(i, i + 1)}>
                <svg viewBox="0 0 24 24" aria-hidden="true">
                  <path d="M12 5v14M6 13l6 6 6-6" />
                </svg>
              </button>
              <button type="button" className="icon-button icon-button--small" data-testid="iterate-input-remove" aria-label={t('iterate.form.remove', { n: i + 1 })} onClick={() => onRemove(i)}>
                <CloseIcon />
              </button>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
