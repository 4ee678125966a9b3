import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { EditModelInfo } from '../../../../shared/iterate.ts';
import { EDIT_RESOLUTIONS } from '../../../../shared/iterateLimits.ts';
import { IMAGE_FORMATS } from '../../../../shared/veniceFacts.ts';
import { CheckField } from '../../ui/CheckField.tsx';
import { Field } from '../../ui/Field.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { EditModelSelect } from './EditModelSelect.tsx';
import type { IterateMode, IterateSettings } from './iterateSettings.ts';

interface Props {
  mode: IterateMode;
  settings: IterateSettings;
  models: readonly EditModelInfo[];
  onChange: (patch: Partial<IterateSettings>) => void;
  promptRef: Ref<HTMLTextAreaElement>;
}

/** Venice's optional output fields; '' leaves each to Venice (the input's aspect ratio, 1K, PNG at 1K). */
function OutputFields({ settings, ratios, onChange }: { settings: IterateSettings; ratios: readonly string[]; onChange: (patch: Partial<IterateSettings>) => void }) {
  const { t } = useTranslation();
  const veniceDefault = { value: '', label: t('iterate.form.veniceDefault') } as const;
  return (
    <div className="iterate-row">
      <SelectField
        id="iterate-aspect"
        label={t('advanced.aspectRatio')}
        value={settings.aspectRatio}
        options={[{ value: '', label: t('iterate.form.asInput') }, ...ratios.map((r) => ({ value: r, label: r }))]}
        unlisted={(ratio) => ratio}
        onChange={(aspectRatio) => onChange({ aspectRatio })}
      />
      <SelectField
        id="iterate-resolution"
        label={t('advanced.resolution')}
        value={settings.resolution}
        options={[veniceDefault, ...EDIT_RESOLUTIONS.map((r) => ({ value: r, label: r }))]}
        onChange={(resolution) => onChange({ resolution })}
      />
      <SelectField
        id="iterate-format"
        label={t('generate.formatLabel')}
        value={settings.format}
        options={[veniceDefault, ...IMAGE_FORMATS.map((f) => ({ value: f, label: t(`generate.formats.${f}`) }))]}
        onChange={(format) => onChange({ format })}
      />
    </div>
  );
}

/** Edit and combine: the prompt, the model, and Venice's optional output fields ('' leaves each to Venice). */
export function EditFields({ mode, settings, models, onChange, promptRef }: Props) {
  const { t } = useTranslation();
  const model = models.find((m) => m.id === settings.model);
  const ratios = model?.aspectRatios ?? [];
  return (
    <>
      <Field id="iterate-prompt" label={mode === 'combine' ? t('iterate.form.combinePrompt') : t('iterate.form.editPrompt')} className="field--wide">
        <textarea
          ref={promptRef}
          id="iterate-prompt"
          className="textarea textarea--short"
          data-testid="iterate-prompt"
          rows={3}
          maxLength={model?.promptCharacterLimit ?? undefined}
          value={settings.prompt}
          placeholder={mode === 'combine' ? t('iterate.form.combinePlaceholder') : t('iterate.form.editPlaceholder')}
          onChange={(e) => onChange({ prompt: e.target.value })}
        />
      </Field>
      <EditModelSelect models={models} mode={mode} value={settings.model} onChange={(id) => onChange({ model: id })} />
      <OutputFields settings={settings} ratios={ratios} onChange={onChange} />
      <div className="field field--wide checks">
        <CheckField
          testId="iterate-safe-mode"
          checked={settings.safeMode}
          onChange={(safeMode) => onChange({ safeMode })}
          label={t('advanced.safeMode')}
          help={t('advanced.safeModeHelp')}
        />
        <CheckField
          testId="iterate-enhance"
          checked={settings.enhancePrompt}
          onChange={(enhancePrompt) => onChange({ enhancePrompt })}
          label={t('iterate.form.enhance')}
          help={t('iterate.form.enhanceHelp')}
        />
      </div>
    </>
  );
}
