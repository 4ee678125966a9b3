import type { KeyboardEvent, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelInfo } from '../../../../shared/models.ts';
import { isMac } from '../../shortcuts/keyLabel.ts';
import { matchShortcut } from '../../shortcuts/rule.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import type { BuiltRequest } from './buildRequest.ts';
import type { FieldMessage } from './fieldMessages.ts';
import type { CatalogState } from './useCatalog.ts';
import type { GenerateFormState } from './useGenerateForm.ts';
import type { GenerateSubmit } from './useGenerateSubmit.ts';
import { AdvancedPanel } from './AdvancedPanel.tsx';
import { GenerateOptions } from './GenerateOptions.tsx';
import { ModeSwitch } from './ModeSwitch.tsx';
import { ModelPicker } from './ModelPicker.tsx';
import { PriceEstimate } from './PriceEstimate.tsx';
import { PromptBox } from './PromptBox.tsx';
import { PromptHistory } from './PromptHistory.tsx';
import { SpendConfirm } from './SpendConfirm.tsx';

/** Ctrl/Cmd+Enter from any field submits, the way chat and prompt boxes usually work (a held key queues once). */
const submitOnModEnter = (e: KeyboardEvent<HTMLFormElement>) => {
  if (matchShortcut(e, 'generate') === 'generate') {
    e.preventDefault();
    if (!e.repeat) e.currentTarget.requestSubmit();
  }
};

interface Props {
  editor: GenerateFormState;
  catalogState: CatalogState;
  built: BuiltRequest;
  messages: readonly FieldMessage[];
  /** The model Venice picks when the simple form leaves the choice to it. */
  defaultModel: ModelInfo | undefined;
  history: { prompts: readonly string[]; refresh: () => void };
  promptRef: RefObject<HTMLTextAreaElement | null>;
  submitting: GenerateSubmit;
  onOpenSettings: () => void;
}

/** The generate form: mode, prompt (with the recent ones), the simple or advanced options, and Generate with its price. */
export function GenerateForm({ editor, catalogState, built, messages, defaultModel, history, promptRef, submitting, onOpenSettings }: Props) {
  const { t } = useTranslation();
  const { form, setMode, setPrompt, setSimple, setAdvanced } = editor;
  const { spendGuard } = submitting;
  const shortcut = t(isMac ? 'generate.shortcutMac' : 'generate.shortcutOther');
  const pickPrompt = (prompt: string) => {
    setPrompt(prompt);
    promptRef.current?.focus();
  };

  return (
    <form className="panel generate__form" onSubmit={submitting.submit} onKeyDown={submitOnModEnter} noValidate>
      <ModeSwitch mode={form.mode} onChange={setMode} />
      <PromptBox
        value={form.prompt}
        onChange={setPrompt}
        max={built.promptLimit}
        inputRef={promptRef}
        tools={<PromptHistory prompts={history.prompts} onOpen={history.refresh} onPick={pickPrompt} />}
      />
      {form.mode === 'simple' ? (
        <GenerateOptions value={form.simple} onChange={setSimple}>
          <ModelPicker
            catalogState={catalogState}
            value={form.simple.model}
            onChange={(model) => setSimple({ ...form.simple, model })}
            allowDefault
            defaultModel={defaultModel}
          />
        </GenerateOptions>
      ) : (
        <AdvancedPanel catalogState={catalogState} values={form.advanced} built={built} messages={messages} onChange={setAdvanced} />
      )}
      {/* A request refused before it was queued is about the form; a job that failed shows where its image would be. */}
      {submitting.error && <ErrorMessage error={submitting.error} testId="generate-error" onOpenSettings={onOpenSettings} onDismiss={submitting.dismissError} />}
      {spendGuard.pending && <SpendConfirm pending={spendGuard.pending} onConfirm={spendGuard.confirm} onCancel={spendGuard.cancel} />}
      <div className="generate__actions">
        <button type="submit" className="button button--primary button--large" data-testid="generate-button" disabled={!submitting.canSubmit}>
          {t('generate.submit')}
        </button>
        <PriceEstimate built={built} />
      </div>
      <p className="muted shortcut-hint">{t('generate.shortcutHint', { shortcut })}</p>
    </form>
  );
}
