import { type ClipboardEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatUsd } from '../../lib/format.ts';
import { matchShortcut } from '../../shortcuts/rule.ts';
import { ChoiceButtons } from '../../ui/ChoiceButtons.tsx';
import { CloseIcon } from '../../ui/CloseIcon.tsx';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { SpendConfirm } from '../generate/SpendConfirm.tsx';
import { EditFields } from './EditFields.tsx';
import { InputAdder } from './InputAdder.tsx';
import { InputList } from './InputList.tsx';
import { InputProblem } from './InputProblem.tsx';
import { ITERATE_MODES, type IterateLaunch } from './iterateSettings.ts';
import { PreparedSummary } from './PreparedSummary.tsx';
import { UpscaleFields } from './UpscaleFields.tsx';
import { type IterateForm, useIterateForm } from './useIterateForm.ts';

interface Props {
  launch: IterateLaunch;
  onClose: () => void;
}

function ModeTabs({ form }: { form: IterateForm }) {
  const { t } = useTranslation();
  return (
    <ChoiceButtons
      label={t('iterate.form.modeLabel')}
      choices={ITERATE_MODES}
      value={form.mode}
      onChange={form.setMode}
      labelOf={(mode) => t(`iterate.form.mode.${mode}`)}
      testIdOf={(mode) => `iterate-mode-${mode}`}
      className="iterate-modes"
      itemClassName={(chosen) => `button button--small${chosen ? ' button--primary' : ' button--ghost'}`}
    />
  );
}

function SendRow({ form }: { form: IterateForm }) {
  const { t, i18n } = useTranslation();
  const { send, prepared } = form;
  return (
    <>
      <button
        type="submit"
        className="button button--primary"
        data-testid="iterate-send"
        disabled={form.gap !== null || prepared.state !== 'ready' || send.state === 'sending' || form.pendingSpend !== null}
      >
        {send.state === 'sending' ? t('iterate.form.sending') : t(`iterate.form.send.${form.mode}`)}
      </button>
      {form.pendingSpend && (
        <SpendConfirm
          pending={form.pendingSpend}
          onConfirm={form.confirmSpend}
          onCancel={form.cancelSpend}
          yesLabel={(total) => t(`iterate.form.spendYes.${form.mode}`, { total })}
        />
      )}
      {send.state === 'queued' && (
        <p className="muted" role="status" data-testid="iterate-queued">
          {send.priceUsd === null ? t('iterate.form.queued') : t('iterate.form.queuedPriced', { price: formatUsd(send.priceUsd, i18n.language) })}
        </p>
      )}
      {send.state === 'failed' &&
        (send.error.code === 'INVALID_INPUT' ? (
          <InputProblem error={send.error} testId="iterate-error" />
        ) : (
          <ErrorMessage error={send.error} compact testId="iterate-error" onDismiss={form.dismissSend} />
        ))}
    </>
  );
}

/**
 * Edit, combine or upscale with options, beside the library: the inputs (from the viewer, the selection, a tile
 * dragged here, files picked, dropped or pasted), the settings, and main's price and result size before Send.
 */
export function IteratePanel({ launch, onClose }: Props) {
  const { t } = useTranslation();
  const form = useIterateForm(launch);
  const prompt = useRef<HTMLTextAreaElement>(null);
  const firstScale = useRef<HTMLInputElement>(null);
  const { mode, inputs, limit } = form;

  // The caret goes into the form as it opens (a new launch remounts the panel); closing it gives the focus back to
  // where it was (the grid tile the viewer returned to), so a keyboard user is not dropped at the top of the page.
  const [returnTo] = useState(() => document.activeElement);
  useEffect(() => {
    (launch.mode === 'upscale' ? firstScale.current : prompt.current)?.focus();
    return () => {
      if (returnTo instanceof HTMLElement && returnTo.isConnected) returnTo.focus();
    };
  }, [launch.mode, returnTo]);

  // The offer's button goes away with the refusal: the keyboard focus goes back into the form where it opened (not onto
  // the copy's remove button, where an Enter too many would drop it), and the note beside the price says what changed.
  const made = form.downscale.made;
  useEffect(() => {
    // Only one of the two is on the form: the prompt (edit, combine) or the scale (upscale).
    if (made !== null) (prompt.current ?? firstScale.current)?.focus();
  }, [made]);

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const shortcut = matchShortcut(e, 'iterate');
    if (shortcut === 'sendIterate') form.submit();
    else if (shortcut === 'closeIterate') onClose();
    else return;
    e.preventDefault();
  };
  // A pasted image (a screenshot, a copied picture) becomes an input, wherever the focus is in the panel.
  const onPaste = (e: ClipboardEvent<HTMLElement>) => {
    const files = [...e.clipboardData.files].filter((f) => f.type.startsWith('image/'));
    if (files.length === 0) return;
    e.preventDefault();
    void inputs.addFiles(files, limit === 1);
  };

  return (
    <aside className="iterate-panel" data-testid="iterate-panel" data-mode={mode} aria-labelledby="iterate-title" onKeyDown={onKeyDown} onPaste={onPaste}>
      <header className="iterate-panel__header">
        <h2 id="iterate-title" className="iterate-panel__title">
          {t('iterate.form.title')}
        </h2>
        <button type="button" className="icon-button" data-testid="iterate-close" aria-label={t('iterate.form.close')} onClick={onClose}>
          <CloseIcon />
        </button>
      </header>
      <ModeTabs form={form} />
      <form
        className="iterate-panel__form"
        onSubmit={(e) => {
          e.preventDefault();
          form.submit();
        }}
      >
        <InputList ids={inputs.ids} limit={limit} onMove={inputs.move} onRemove={inputs.remove} />
        {inputs.ids.length > limit && (
          <p className="field__warning" data-testid="iterate-too-many">
            {t(`iterate.form.tooMany.${mode === 'combine' ? 'combine' : 'single'}`, { count: inputs.ids.length, max: limit })}
          </p>
        )}
        <InputAdder busy={inputs.importing} onImages={(ids) => inputs.add(ids, limit === 1)} onFiles={(files) => void inputs.addFiles(files, limit === 1)} />
        {inputs.importError && <InputProblem error={inputs.importError} testId="iterate-import-error" />}
        {mode === 'upscale' ? (
          <UpscaleFields settings={form.settings} prices={form.catalog.catalog?.prices ?? null} onChange={form.change} firstRef={firstScale} />
        ) : (
          <EditFields mode={mode} settings={form.settings} models={form.catalog.catalog?.models ?? []} onChange={form.change} promptRef={prompt} />
        )}
        {form.catalog.error && <ErrorMessage error={form.catalog.error} compact testId="iterate-catalog-error" />}
        <div className="iterate-footer">
          <PreparedSummary mode={mode} gap={form.gap} prepared={form.prepared} downscale={form.downscale} />
          <SendRow form={form} />
        </div>
      </form>
    </aside>
  );
}
