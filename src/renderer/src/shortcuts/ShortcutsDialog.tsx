import { Fragment, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { keyParts } from './keyLabel.ts';
import { SHORTCUTS, type ShortcutScope } from './registry.ts';

const SCOPES: readonly ShortcutScope[] = ['app', 'generate', 'library', 'viewer', 'iterate'];

/** "?": every shortcut, read from the same table the key handlers use, so the list and the keys cannot disagree. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);

  // showModal focuses the first button: keys go to the dialog, and Escape closes it.
  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);

  return (
    <dialog ref={dialog} className="modal shortcuts" data-testid="shortcuts-dialog" aria-labelledby="shortcuts-title" onClose={onClose}>
      <div className="modal__body">
        <div className="shortcuts__top">
          <h2 id="shortcuts-title" className="modal__title">
            {t('shortcuts.title')}
          </h2>
          <button type="button" className="button button--small" data-testid="shortcuts-close" onClick={() => dialog.current?.close()}>
            {t('shortcuts.closeDialog')}
          </button>
        </div>
        <p className="muted">{t('shortcuts.typingNote')}</p>
        <div className="shortcuts__groups">
          {SCOPES.map((scope) => (
            <section key={scope} className="shortcuts__group" aria-labelledby={`shortcuts-${scope}`}>
              <h3 id={`shortcuts-${scope}`} className="shortcuts__heading">
                {t(`shortcuts.scope.${scope}`)}
              </h3>
              <dl className="shortcuts__list">
                {SHORTCUTS.filter((s) => s.scopes.includes(scope)).map((s) => (
                  <div key={s.id} className="shortcuts__row" data-testid="shortcut" data-shortcut={s.id}>
                    <dt>{t(`shortcuts.${s.id}`)}</dt>
                    <dd>
                      {s.keys.map((combo, i) => (
                        <span key={combo} className="shortcuts__combo">
                          {i > 0 && <span className="muted">/ </span>}
                          {keyParts(combo).map((part, j) => (
                            <Fragment key={part}>
                              {j > 0 && '+'}
                              <kbd>{part}</kbd>
                            </Fragment>
                          ))}
                        </span>
                      ))}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </div>
    </dialog>
  );
}
