import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mediaUrl } from '../../../../shared/app.ts';
import type { ModelInfo } from '../../../../shared/models.ts';
import { STYLE_REFERENCE_LIMITS } from '../../../../shared/veniceFacts.ts';
import type { ApiError } from '../../api.ts';
import { filesToLibrary } from '../../lib/filesToLibrary.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { ImageFilePicker } from '../../ui/ImageFilePicker.tsx';
import { FieldNotes } from './FieldNotes.tsx';
import type { FieldMessage } from './fieldMessages.ts';
import type { AdvancedValues } from './formValues.ts';

interface Props {
  model: ModelInfo | undefined;
  /** Every model of the catalogue, to name the ones that take references when this one does not. */
  models: readonly ModelInfo[];
  values: AdvancedValues;
  messages: readonly FieldMessage[];
  onChange: (patch: Partial<AdvancedValues>) => void;
}

/** The request's bound on references; the model's own (smaller) limit is checked with the other fields. */
const MAX_HELD = 16;

/** The references held, each with its remove button. */
function ReferenceList({ refs, onRemove }: { refs: readonly string[]; onRemove: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <ul className="references__list">
      {refs.map((id, i) => (
        <li key={id} className="references__item" data-testid="reference-item" data-image-id={id}>
          <img src={mediaUrl('thumb', id)} alt={t('references.itemAlt', { n: i + 1 })} draggable={false} />
          <button type="button" className="references__remove" data-testid="reference-remove" aria-label={t('references.remove', { n: i + 1 })} onClick={() => onRemove(id)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

function ReferenceStrength({ value, onChange }: { value: number; onChange: (strength: number) => void }) {
  const { t } = useTranslation();
  return (
    <label className="references__strength">
      <span>{t('references.strength')}</span>
      <input
        type="range"
        data-testid="reference-strength"
        min={STYLE_REFERENCE_LIMITS.minStrength}
        max={STYLE_REFERENCE_LIMITS.maxStrength}
        step={0.05}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
      />
      <output>{value.toFixed(2)}</output>
    </label>
  );
}

interface DropProps {
  adding: boolean;
  /** Offer to clear only when something is held. */
  canClear: boolean;
  onFiles: (files: File[]) => void;
  onClear: () => void;
}

/** Files dropped here or picked join the library, then the references. */
function ReferenceDrop({ adding, canClear, onFiles, onClear }: DropProps) {
  const { t } = useTranslation();
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    setOver(false);
    if (e.dataTransfer.files.length === 0) return;
    // Taken here, so the window's own drop handler does not import the files a second time.
    e.preventDefault();
    onFiles([...e.dataTransfer.files]);
  };
  return (
    <div
      className={`references__drop${over ? ' references__drop--over' : ''}`}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <ImageFilePicker label={t('references.addFiles')} testId="reference-add-files" inputTestId="reference-file-input" disabled={adding} onFiles={onFiles} />
      {canClear && (
        <button type="button" className="button button--small button--ghost" data-testid="reference-clear" onClick={onClear}>
          {t('references.clear')}
        </button>
      )}
    </div>
  );
}

/** Files turned into library images, then handed on as references; what could not be added is kept to show. */
function useReferenceFiles(add: (ids: readonly string[]) => void) {
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const addFiles = async (files: readonly File[]) => {
    setAdding(true);
    setError(null);
    add(await filesToLibrary(files, 'reference image', setError));
    setAdding(false);
  };
  return { adding, error, dismissError: () => setError(null), addFiles };
}

/**
 * Reference images (`style_references`): offered for a model whose catalogue entry takes them. References chosen
 * stay while another model is picked, with a note and Generate blocked, rather than being dropped unseen.
 */
export function ReferenceImages({ model, models, values, messages, onChange }: Props) {
  const { t } = useTranslation();
  const refs = values.styleReferences;
  const files = useReferenceFiles((ids) => onChange({ styleReferences: [...new Set([...refs, ...ids])].slice(0, MAX_HELD) }));
  const accepts = model?.styleReferences ?? null;
  if (!accepts && refs.length === 0) return null;
  const takers = models.filter((m) => m.styleReferences && !m.offline).map((m) => m.name);

  return (
    <fieldset className="field field--wide references" data-testid="references">
      <legend className="field__label">{t('references.title')}</legend>
      {accepts ? (
        <p className="field__help">{t('references.help', { count: accepts.max })}</p>
      ) : (
        <p className="field__error" role="alert" data-testid="references-unsupported">
          {t('references.unsupported', { name: model?.name ?? values.model, models: takers.join(', ') || '—' })}
        </p>
      )}
      {refs.length > 0 && <ReferenceList refs={refs} onRemove={(id) => onChange({ styleReferences: refs.filter((r) => r !== id) })} />}
      {/* Without `accepts` the note above says it, naming the models that take references. */}
      {accepts && <FieldNotes messages={messages} field="styleReferences" />}
      {accepts?.strength && refs.length > 0 && <ReferenceStrength value={values.styleStrength} onChange={(styleStrength) => onChange({ styleStrength })} />}
      {accepts && (
        <ReferenceDrop adding={files.adding} canClear={refs.length > 0} onFiles={(picked) => void files.addFiles(picked)} onClear={() => onChange({ styleReferences: [] })} />
      )}
      {files.error && <ErrorMessage error={files.error} compact testId="reference-error" onDismiss={files.dismissError} />}
    </fieldset>
  );
}
