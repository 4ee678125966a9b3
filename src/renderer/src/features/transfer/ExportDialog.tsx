import { type RefObject, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../lib/format.ts';
import type { ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import { useImageDetail } from '../../hooks/useImageDetail.ts';
import { useStoredState } from '../../hooks/useStoredState.ts';
import type { ExportOptions, Transfers } from './useTransfers.ts';
import { DEFAULT_TEMPLATE, MAX_TEMPLATE_CHARS, TEMPLATE_TOKENS, previewFileName, unknownTokens } from '../../../../shared/fileNames.ts';
import { CheckField } from '../../ui/CheckField.tsx';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { Field } from '../../ui/Field.tsx';

interface Props {
  ids: readonly string[];
  /** The first image exported: the preview shows its name. */
  first: ImageSummary | undefined;
  transfers: Transfers;
  onClose: () => void;
}

interface Choices {
  template: string;
  stripMetadata: boolean;
  sidecar: boolean;
  zip: boolean;
}

const DEFAULTS: Choices = { template: DEFAULT_TEMPLATE, stripMetadata: false, sidecar: false, zip: false };
const parseChoices = (raw: unknown): Choices | null => {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  return {
    template: typeof r.template === 'string' && r.template.length > 0 && r.template.length <= MAX_TEMPLATE_CHARS ? r.template : DEFAULT_TEMPLATE,
    stripMetadata: r.stripMetadata === true,
    sidecar: r.sidecar === true,
    zip: r.zip === true,
  };
};

interface TemplateProps {
  template: string;
  unknown: readonly string[];
  invalid: boolean;
  /** The first image's file name under this template, or null while unknown or invalid. */
  preview: string | null;
  inputRef: RefObject<HTMLInputElement | null>;
  onChange: (template: string) => void;
  onInsert: (token: string) => void;
}

/** The name template with its tokens to insert, what is wrong with it, and the live preview. */
function TemplateField({ template, unknown, invalid, preview, inputRef, onChange, onInsert }: TemplateProps) {
  const { t } = useTranslation();
  return (
    <Field id="export-template" label={t('exportDialog.template')}>
      <input
        ref={inputRef}
        id="export-template"
        className="input input--mono"
        data-testid="export-template"
        value={template}
        maxLength={MAX_TEMPLATE_CHARS}
        spellCheck={false}
        aria-invalid={invalid}
        aria-describedby="export-template-help"
        onChange={(e) => onChange(e.target.value)}
      />
      <div className="token-row" role="group" aria-label={t('exportDialog.tokens')}>
        {TEMPLATE_TOKENS.map((token) => (
          <button key={token} type="button" className="token" data-testid="export-token" data-token={token} title={t(`exportDialog.token.${token}`)} onClick={() => onInsert(token)}>
            {`{${token}}`}
          </button>
        ))}
      </div>
      {unknown.length > 0 ? (
        <p className="field__error" data-testid="export-template-error">
          {t('exportDialog.unknownToken', { tokens: unknown.map((u) => `{${u}}`).join(', ') })}
        </p>
      ) : (
        <p id="export-template-help" className="field__help">
          {t('exportDialog.templateHelp')}
        </p>
      )}
      {preview && (
        <p className="export-preview">
          <span className="muted">{t('exportDialog.preview')}</span>{' '}
          <code className="bidi-isolate" dir="auto" data-testid="export-preview">
            {preview}
          </code>
        </p>
      )}
    </Field>
  );
}

/** The corner progress card sits under the modal's backdrop: the dialog shows its own. */
function ExportProgress({ done, total }: { done: number; total: number }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="export-progress" data-testid="export-progress" role="status">
      <span>{total > 0 ? t('transfer.exportProgress', { done: formatCount(done, i18n.language), total: formatCount(total, i18n.language) }) : t('transfer.exportWaiting')}</span>
      <progress className="transfer__bar" max={Math.max(1, total)} value={done} />
    </div>
  );
}

/** Export choices before main asks where to: name template (with a live preview), metadata, sidecar, zip. */
export function ExportDialog({ ids, first, transfers, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const templateInput = useRef<HTMLInputElement>(null);
  const [saved, save] = useStoredState<Choices>('lagoon.exportChoices', DEFAULTS, parseChoices);
  const [choices, setChoices] = useState<Choices>(saved);
  // Named from the image's full record, as the export names it (the seed lives in the request).
  const { detail } = useImageDetail(first?.id ?? null);

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);

  const unknown = unknownTokens(choices.template);
  const template = choices.template.trim();
  const invalid = template === '' || unknown.length > 0;
  const preview = detail && !invalid ? previewFileName(template, detail) : null;

  const insert = (token: string) => {
    const el = templateInput.current;
    const at = el?.selectionStart ?? choices.template.length;
    const end = el?.selectionEnd ?? at;
    const next = `${choices.template.slice(0, at)}{${token}}${choices.template.slice(end)}`.slice(0, MAX_TEMPLATE_CHARS);
    setChoices({ ...choices, template: next });
    requestAnimationFrame(() => {
      el?.focus();
      const caret = at + token.length + 2;
      el?.setSelectionRange(caret, caret);
    });
  };

  const confirm = async () => {
    if (invalid) return;
    save(choices);
    const options: ExportOptions = { stripMetadata: choices.stripMetadata, sidecar: choices.sidecar, zip: choices.zip, template };
    const result = await transfers.exportImages(ids, options);
    if (result === 'done') dialog.current?.close();
  };

  return (
    <dialog ref={dialog} className="modal" data-testid="export-dialog" aria-labelledby="export-title" onClose={onClose}>
      <form
        className="modal__body"
        onSubmit={(e) => {
          e.preventDefault();
          void confirm();
        }}
      >
        <h2 id="export-title" className="modal__title">
          {t('exportDialog.title', { count: ids.length, formatted: formatCount(ids.length, i18n.language) })}
        </h2>

        <TemplateField
          template={choices.template}
          unknown={unknown}
          invalid={invalid}
          preview={preview}
          inputRef={templateInput}
          onChange={(next) => setChoices({ ...choices, template: next })}
          onInsert={insert}
        />

        <div className="checks">
          <CheckField testId="export-strip" checked={choices.stripMetadata} onChange={(v) => setChoices({ ...choices, stripMetadata: v })} label={t('exportDialog.strip')} help={t('exportDialog.stripHelp')} />
          <CheckField testId="export-sidecar" checked={choices.sidecar} onChange={(v) => setChoices({ ...choices, sidecar: v })} label={t('exportDialog.sidecar')} help={t('exportDialog.sidecarHelp')} />
          <CheckField testId="export-zip" checked={choices.zip} onChange={(v) => setChoices({ ...choices, zip: v })} label={t('exportDialog.zip')} help={t('exportDialog.zipHelp')} />
        </div>

        {transfers.error && <ErrorMessage error={transfers.error} testId="export-error" />}
        {transfers.progress?.operation === 'export' && <ExportProgress done={transfers.progress.done} total={transfers.progress.total} />}
        <p className="field__help">{t('exportDialog.whereHint')}</p>

        <div className="modal__actions">
          <button type="button" className="button button--ghost" data-testid="export-cancel" onClick={() => dialog.current?.close()}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" data-testid="export-confirm" disabled={invalid || transfers.busy}>
            {transfers.busy ? t('exportDialog.exporting') : t('exportDialog.confirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
