import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { EditModelInfo } from '../../../../shared/iterate.ts';
import { EDIT_RESOLUTIONS } from '../../../../shared/iterateLimits.ts';
import { IMAGE_FORMATS } from '../../../../shared/veniceFacts.ts';
import { EditModelSelect } from './EditModelSelect.tsx';
import type { IterateMode, IterateSettings } from './iterateSettings.ts';

interface Props {
  mode: IterateMode;
  settings: IterateSettings;
  models: readonly EditModelInfo[];
  onChange: (patch: Partial<IterateSettings>) => void;
  promptRef: Ref<HTMLTextAreaElement>;
}

const isOneOf = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);

/** Venice's optional output fields; '' leaves each to Venice (the input's aspect ratio, 1K, PNG at 1K). */
function OutputFields({ settings, ratios, onChange }: { settings: IterateSettings; ratios: readonly string[]; onChange: (patch: Partial<IterateSettings>) => void }) {
  const { t } = useTranslation();
  return (
    <div className="iterate-row">
      <div className="field">
        <label className="field__label" htmlFor="iterate-aspect">
          {t('advanced.aspectRatio')}
        </label>
        <select id="iterate-aspect" className="select" data-testid="iterate-aspect" value={settings.aspectRatio} onChange={(e) => onChange({ aspectRatio: e.target.value })}>
          <option value="">{t('iterate.form.asInput')}</option>
          {ratios.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
          {settings.aspectRatio !== '' && !ratios.includes(settings.aspectRatio) && <option value={settings.aspectRatio}>{settings.aspectRatio}</option>}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="iterate-resolution">
          {t('advanced.resolution')}
        </label>
        <select
          id="iterate-resolution"
          className="select"
          data-testid="iterate-resolution"
          value={settings.resolution}
          onChange={(e) => onChange({ resolution: isOneOf(EDIT_RESOLUTIONS, e.target.value) ? e.target.value : '' })}
        >
          <option value="">{t('iterate.form.veniceDefault')}</option>
          {EDIT_RESOLUTIONS.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="iterate-format">
          {t('generate.formatLabel')}
        </label>
        <select id="iterate-format" className="select" data-testid="iterate-format" value={settings.format} onChange={(e) => onChange({ format: isOneOf(IMAGE_FORMATS, e.target.value) ? e.target.value : '' })}>
          <option value="">{t('iterate.form.veniceDefault')}</option>
          {IMAGE_FORMATS.map((f) => (
            <option key={f} value={f}>
              {t(`generate.formats.${f}`)}
            </option>
          ))}
        </select>
      </div>
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
      <div className="field field--wide">
        <label className="field__label" htmlFor="iterate-prompt">
          {mode === 'combine' ? t('iterate.form.combinePrompt') : t('iterate.form.editPrompt')}
        </label>
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
      </div>
      <EditModelSelect models={models} mode={mode} value={settings.model} onChange={(id) => onChange({ model: id })} />
      <OutputFields settings={settings} ratios={ratios} onChange={onChange} />
      <div className="field field--wide checks">
        <label className="check">
          <input type="checkbox" data-testid="iterate-safe-mode" checked={settings.safeMode} onChange={(e) => onChange({ safeMode: e.target.checked })} />
          <span>
            <span className="check__label">{t('advanced.safeMode')}</span>
            <span className="check__help">{t('advanced.safeModeHelp')}</span>
          </span>
        </label>
        <label className="check">
          <input type="checkbox" data-testid="iterate-enhance" checked={settings.enhancePrompt} onChange={(e) => onChange({ enhancePrompt: e.target.checked })} />
          <span>
            <span className="check__label">{t('iterate.form.enhance')}</span>
            <span className="check__help">{t('iterate.form.enhanceHelp')}</span>
          </span>
        </label>
      </div>
    </>
  );
}
