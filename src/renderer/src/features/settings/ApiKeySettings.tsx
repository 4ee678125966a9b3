import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyStatus } from '../../../../shared/ipc/schemas/settings.ts';
import type { KeyStatusState } from '../../hooks/useKeyStatus.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { type KeyFeedback, useApiKeyForm } from './useApiKeyForm.ts';


/** Feedback that reports a problem is shown as one (red, announced). */
const PROBLEMS: ReadonlySet<KeyFeedback> = new Set(['keyEmpty', 'rejected']);

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

function RemoveConfirm({ busy, onRemove, onCancel }: { busy: boolean; onRemove: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const cancel = useRef<HTMLButtonElement>(null);
  // The Remove button disappears when asked to confirm; keep focus in the question, on the harmless choice.
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div className="confirm" role="group" aria-labelledby="remove-confirm-text">
      <p id="remove-confirm-text">{t('settings.removeConfirmText')}</p>
      <div className="confirm__actions">
        <button type="button" className="button button--danger" data-testid="key-remove-confirm" disabled={busy} onClick={onRemove}>
          {t('settings.removeConfirm')}
        </button>
        <button ref={cancel} type="button" className="button button--ghost" data-testid="key-remove-cancel" disabled={busy} onClick={onCancel}>
          {t('settings.cancel')}
        </button>
      </div>
    </div>
  );
}

interface KeyFormProps {
  inputRef: ReturnType<typeof useApiKeyForm>['input'];
  /** Bumped after each submit: the field remounts, so no DOM node keeps the key. */
  fieldGeneration: number;
  busy: boolean;
  confirmingRemove: boolean;
  present: boolean;
  onSubmit: ReturnType<typeof useApiKeyForm>['save'];
}

function KeyForm({ inputRef, fieldGeneration, busy, confirmingRemove, present, onSubmit }: KeyFormProps) {
  const { t } = useTranslation();
  return (
    <form className="key-form" onSubmit={onSubmit} autoComplete="off" noValidate>
      <label className="field__label" htmlFor="key-input">
        {present ? t('settings.keyLabelReplace') : t('settings.keyLabel')}
      </label>
      <div className="key-form__row">
        <input
          key={fieldGeneration}
          ref={inputRef}
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
  );
}

/** The Venice key: its status as the keychain and Venice know it, and the write-only field to save or replace it. */
export function ApiKeySettings({ keyStatus, focusRequest }: Props) {
  const { t } = useTranslation();
  const form = useApiKeyForm(keyStatus);
  const { status } = keyStatus;
  const { input, feedback } = form;

  useEffect(() => {
    if (focusRequest > 0) input.current?.focus();
  }, [focusRequest, input]);

  const present = status?.present === true;

  return (
    <section className="panel settings-section" aria-labelledby="key-section-title">
      <h2 id="key-section-title" className="settings-section__title">
        {t('settings.keySection')}
      </h2>
      <p className="field__help">{t('settings.keyHelp')}</p>
      <div className="key-status-row">
        <StatusLine status={status} />
        {present && !form.confirmingRemove && (
          <button type="button" className="button button--danger-ghost" data-testid="key-remove" disabled={form.busy} onClick={() => form.askToRemove(true)}>
            {t('settings.remove')}
          </button>
        )}
      </div>
      {keyStatus.error && <ErrorMessage error={keyStatus.error} testId="key-status-error" />}
      {present && form.confirmingRemove && <RemoveConfirm busy={form.busy} onRemove={() => void form.remove()} onCancel={() => form.askToRemove(false)} />}
      <KeyForm
        inputRef={input}
        fieldGeneration={form.fieldGeneration}
        busy={form.busy}
        confirmingRemove={form.confirmingRemove}
        present={present}
        onSubmit={form.save}
      />
      {feedback && (
        <p className={PROBLEMS.has(feedback) ? 'field__error' : 'feedback'} role={PROBLEMS.has(feedback) ? 'alert' : 'status'} data-testid="key-feedback" data-feedback={feedback}>
          {t(`settings.${feedback}`)}
        </p>
      )}
      {form.error && <ErrorMessage error={form.error} testId="key-error" />}
    </section>
  );
}
