import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageDetail } from '../../../../shared/ipc/schemas/images.ts';
import type { JobRequest } from '../../../../shared/ipc/schemas/jobs.ts';
import { imagesRequested, priceFor } from '../../../../shared/pricing.ts';
import { type ApiError, toApiError } from '../../api.ts';
import { buildRequest, promptUsable, simpleModel } from './buildRequest.ts';
import { checkBuilt } from './fieldMessages.ts';
import { useCatalog } from './useCatalog.ts';
import { useGenerateForm } from './useGenerateForm.ts';
import { useJobs } from '../queue/useJobs.ts';
import type { KeyStatusState } from '../../hooks/useKeyStatus.ts';
import { usePromptHistory } from './usePromptHistory.ts';
import { onReferencesSent } from './referenceInbox.ts';
import { useSubmittedJobs } from './useSubmittedJobs.ts';
import { AdvancedPanel } from './AdvancedPanel.tsx';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { GenerateOptions } from './GenerateOptions.tsx';
import { GenerateResult } from './GenerateResult.tsx';
import { ModeSwitch } from './ModeSwitch.tsx';
import { ModelPicker } from './ModelPicker.tsx';
import { NoKeyNotice } from './NoKeyNotice.tsx';
import { PriceEstimate } from './PriceEstimate.tsx';
import { PromptBox } from './PromptBox.tsx';
import { PromptHistory } from './PromptHistory.tsx';
import { SpendConfirm } from './SpendConfirm.tsx';
import { useSpendGuard } from './useSpendGuard.ts';
import { QueuePanel } from '../queue/QueuePanel.tsx';
import { useGoneImages } from '../queue/useGoneImages.ts';
import { isMac } from '../../shortcuts/keyLabel.ts';
import { matchShortcut } from '../../shortcuts/rule.ts';

/** Ctrl/Cmd+Enter from any field submits, the way chat and prompt boxes usually work (a held key queues once). */
const submitOnModEnter = (e: KeyboardEvent<HTMLFormElement>) => {
  if (matchShortcut(e, 'generate') === 'generate') {
    e.preventDefault();
    if (!e.repeat) e.currentTarget.requestSubmit();
  }
};

/** An image whose settings the user asked to reuse; `nonce` makes asking twice for the same image count. */
export interface ReuseRequest {
  image: ImageDetail;
  nonce: number;
}

interface Props {
  keyStatus: KeyStatusState;
  onOpenSettings: () => void;
  reuseRequest: ReuseRequest | null;
  /** From the account status: until when the queue holds back after failures in a row. */
  queuePausedUntil: number | null;
}

export function GenerateView({ keyStatus, onOpenSettings, reuseRequest, queuePausedUntil }: Props) {
  const { t } = useTranslation();
  const catalogState = useCatalog();
  const catalog = catalogState.catalog;
  const models = catalog?.models ?? [];
  const traits = catalog?.traits ?? {};
  const jobsState = useJobs();
  const history = usePromptHistory();
  const { form, setMode, setPrompt, setSimple, setAdvanced, reuse, addReferences } = useGenerateForm(catalog);
  // "Use as reference" in the viewer: the image joins this form's reference images.
  useEffect(() => onReferencesSent(addReferences), [addReferences]);
  const submitted = useSubmittedJobs(jobsState.jobs);
  const presence = useGoneImages(jobsState.jobs);
  const [enqueueError, setEnqueueError] = useState<ApiError | null>(null);
  const [enqueuing, setEnqueuing] = useState(false);
  const enqueuingRef = useRef(false);
  const promptRef = useRef<HTMLTextAreaElement>(null);
  const spendGuard = useSpendGuard();

  // Arriving from the viewer: the form now holds that image's request, and the prompt is where the user continues.
  useEffect(() => {
    if (!reuseRequest) return;
    reuse(reuseRequest.image);
    promptRef.current?.focus();
  }, [reuseRequest, reuse]);

  // A key removed behind our back (or never stored) turns the form into the first-run notice.
  const { refresh: refreshKeyStatus } = keyStatus;
  const latestErrorCode = submitted.error?.code;
  useEffect(() => {
    if (latestErrorCode === 'KEY_MISSING') refreshKeyStatus();
  }, [latestErrorCode, refreshKeyStatus]);

  const built = buildRequest(form, models, traits);
  const checked = checkBuilt(built);
  const modelChosen = form.mode === 'simple' || form.advanced.model !== '';
  const canSubmit = !enqueuing && modelChosen && promptUsable(form.prompt, built.promptLimit) && !checked.blocked;

  const send = async (request: JobRequest) => {
    // A ref, not state: two presses in the same tick must not both pass before the button disables.
    if (enqueuingRef.current) return;
    enqueuingRef.current = true;
    setEnqueuing(true);
    setEnqueueError(null);
    try {
      submitted.track(await jobsState.enqueue([request]));
      history.refresh();
    } catch (err) {
      setEnqueueError(toApiError(err));
    } finally {
      enqueuingRef.current = false;
      setEnqueuing(false);
    }
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!canSubmit || enqueuingRef.current || spendGuard.pending) return;
    const { request } = built;
    const perImage = priceFor(built.model, request);
    void spendGuard.guard(perImage === null ? null : perImage * imagesRequested(request), () => void send(request));
  };

  const noKey = keyStatus.status?.present === false;
  const shortcut = t(isMac ? 'generate.shortcutMac' : 'generate.shortcutOther');
  const defaultModel = simpleModel({ ...form.simple, model: '' }, models, traits);

  return (
    <section className="view" aria-labelledby="generate-title">
      <header className="view__header">
        <h1 id="generate-title" className="view__title">
          {t('generate.title')}
        </h1>
        <p className="view__subtitle">{t('generate.subtitle')}</p>
      </header>

      {keyStatus.error && <ErrorMessage error={keyStatus.error} testId="generate-key-error" onOpenSettings={onOpenSettings} />}

      <div className="generate">
        {noKey ? (
          <NoKeyNotice onOpenSettings={onOpenSettings} />
        ) : (
          <form className="panel generate__form" onSubmit={submit} onKeyDown={submitOnModEnter} noValidate>
            <ModeSwitch mode={form.mode} onChange={setMode} />
            <PromptBox
              value={form.prompt}
              onChange={setPrompt}
              max={built.promptLimit}
              inputRef={promptRef}
              tools={
                <PromptHistory
                  prompts={history.prompts}
                  onOpen={history.refresh}
                  onPick={(prompt) => {
                    setPrompt(prompt);
                    promptRef.current?.focus();
                  }}
                />
              }
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
              <AdvancedPanel catalogState={catalogState} values={form.advanced} built={built} messages={checked.messages} onChange={setAdvanced} />
            )}
            {/* A request refused before it was queued is about the form; a job that failed shows where its image would be. */}
            {enqueueError && <ErrorMessage error={enqueueError} testId="generate-error" onOpenSettings={onOpenSettings} onDismiss={() => setEnqueueError(null)} />}
            {spendGuard.pending && <SpendConfirm pending={spendGuard.pending} onConfirm={spendGuard.confirm} onCancel={spendGuard.cancel} />}
            <div className="generate__actions">
              <button type="submit" className="button button--primary button--large" data-testid="generate-button" disabled={!canSubmit}>
                {t('generate.submit')}
              </button>
              <PriceEstimate built={built} />
            </div>
            <p className="muted shortcut-hint">{t('generate.shortcutHint', { shortcut })}</p>
          </form>
        )}
        <div className="generate__side">
          <GenerateResult
            shown={submitted.shown}
            pending={submitted.pending}
            onShow={submitted.show}
            presence={presence}
            failure={submitted.error}
            onDismissFailure={submitted.dismissError}
            onOpenSettings={onOpenSettings}
          />
          <QueuePanel
            jobsState={jobsState}
            models={models}
            defaultModelName={defaultModel?.name ?? null}
            onShow={(job, imageId) => submitted.show({ job, imageId })}
            onRetried={(job) => submitted.track([job])}
            onOpenSettings={onOpenSettings}
            pausedUntil={queuePausedUntil}
            presence={presence}
          />
        </div>
      </div>
    </section>
  );
}
