import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyStatus } from '../../../../shared/ipc/schemas/settings.ts';
import { type ApiError, call, toApiError } from '../../api.ts';
import type { KeyStatusState } from '../../hooks/useKeyStatus.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';

type Feedback = 'saved' | 'savedUnverified' | 'rejected' | 'removed' | 'keyEmpty' | null;

/** Feedback that reports a problem is shown as one (red, announced). */
const PROBLEMS: ReadonlySet<Feedback> = new Set(['keyEmpty', 'rejected']);

interface Props {
  keyStatus: KeyStatusState;
  /** Bumped when another view sends the user here to fix the key; the field then takes focus. */
  focusRequest: number;
}

function StatusLine({ status }: { status: KeyStatus | null }) {
  const { t } = useTranslation();
  if (!status) return <p className="key-status muted" data-testid="key-status" data-present="unknown">{t('settings.statusLoading')}</p>;
  const verification = status.present ? status.verification : null;
  const tone = verification === 'rejected' ? ' key-status--rejected' : verification === 'unverified' ? ' key-status--unverified' : '';
  return (
    <p
      className={status.present ? `key-status key-status--present${tone}` : 'key-status'}
      data-testid="key-status"
      data-present={String(status.present)}
      data-verification={verification ?? 'none'}
    >
      <span className="key-status__dot" aria-hidden="true" />
      <span>
        {!status.present
          ? t('settings.statusAbsent')
          : status.last4
            ? t('settings.statusPresent', { last4: status.last4, backend: status.backend })
            : t('settings.statusPresentNoHint', { backend: status.backend })}
        {verification && <span className="key-status__verification"> · {t(`settings.verification.${verification}`)}</span>}
      </span>
    </p>
  );
}

/**
 * The key is write-only: it lives in an uncontrolled password field (never in React state), is read once on submit,
 * and the field is then cleared and remounted so no DOM node keeps the value.
 */
export function ApiKeySettings({ keyStatus, focusRequest }: Props) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const cancelRemove = useRef<HTMLButtonElement>(null);
  const [fieldGeneration, setFieldGeneration] = useState(0);
  const [busy, setBusy] = useState(false);
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const { status, update } = keyStatus;

  useEffect(() => {
    if (focusRequest > 0) input.current?.focus();
  }, [focusRequest]);

  // The Remove button disappears when asked to confirm; keep focus in the question, on the harmless choice.
  useEffect(() => {
    if (confirmingRemove) cancelRemove.current?.focus();
  }, [confirmingRemove]);

  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const el = input.current;
    if (!el || busy) return;
    const apiKey = el.value;
    el.value = '';
    setFieldGeneration((g) => g + 1);
    setError(null);
    if (apiKey.trim() === '') {
      setFeedback('keyEmpty');
      return;
    }
    setFeedback(null);
    setBusy(true);
    try {
      const saved = await call('settings.set_api_key', { apiKey });
      update(saved);
      setFeedback(saved.verification === 'unverified' ? 'savedUnverified' : 'saved');
      setConfirmingRemove(false);
    } catch (err) {
      const failure = toApiError(err);
      // Venice refused the key when asked: it was not stored, which the generic "rejected" text does not say.
      if (failure.code === 'AUTH_REJECTED') setFeedback('rejected');
      else setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    setError(null);
    setFeedback(null);
    try {
      update(await call('settings.clear_api_key', {}));
      setFeedback('removed');
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
      setConfirmingRemove(false);
    }
  };

  const present = status?.present === true;

  return (
    <section className="panel settings-section" aria-labelledby="key-section-title">
      <h2 id="key-section-title" className="settings-section__title">
        {t('settings.keySection')}
      </h2>
      <p className="field__help">{t('settings.keyHelp')}</p>
      <div className="key-status-row">
        <StatusLine status={status} />
        {present && !confirmingRemove && (
          <button
            type="button"
            className="button button--danger-ghost"
            data-testid="key-remove"
            disabled={busy}
            onClick={() => {
              setFeedback(null);
              setConfirmingRemove(true);
            }}
          >
            {t('settings.remove')}
          </button>
        )}
      </div>
      {keyStatus.error && <ErrorMessage error={keyStatus.error} testId="key-status-error" />}
      {present && confirmingRemove && (
        <div className="confirm" role="group" aria-labelledby="remove-confirm-text">
          <p id="remove-confirm-text">{t('settings.removeConfirmText')}</p>
          <div className="confirm__actions">
            <button type="button" className="button button--danger" data-testid="key-remove-confirm" disabled={busy} onClick={() => void remove()}>
              {t('settings.removeConfirm')}
            </button>
            <button ref={cancelRemove} type="button" className="button button--ghost" data-testid="key-remove-cancel" disabled={busy} onClick={() => setConfirmingRemove(false)}>
              {t('settings.cancel')}
            </button>
          </div>
        </div>
      )}

      <form className="key-form" onSubmit={save} autoComplete="off" noValidate>
        <label className="field__label" htmlFor="key-input">
          {present ? t('settings.keyLabelReplace') : t('settings.keyLabel')}
        </label>
        <div className="key-form__row">
          <input
            key={fieldGeneration}
            ref={input}
            id="key-input"
            className="input"
            data-testid="key-input"
            type="password"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            placeholder={t('settings.keyPlaceholder')}
            disabled={busy}
          />
          <button type="submit" className={present ? 'button' : 'button button--primary'} data-testid="key-save" disabled={busy}>
            {busy && !confirmingRemove ? t('settings.checking') : present ? t('settings.replace') : t('settings.save')}
          </button>
        </div>
      </form>

      {feedback && (
        <p className={PROBLEMS.has(feedback) ? 'field__error' : 'feedback'} role={PROBLEMS.has(feedback) ? 'alert' : 'status'} data-testid="key-feedback" data-feedback={feedback}>
          {t(`settings.${feedback}`)}
        </p>
      )}
      {error && <ErrorMessage error={error} testId="key-error" />}
    </section>
  );
}
