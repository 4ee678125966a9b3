import { type RefObject, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageDetail } from '../../../../shared/ipc/schemas/images.ts';
import type { KeyStatusState } from '../../hooks/useKeyStatus.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { ViewHeader } from '../../ui/ViewHeader.tsx';
import { QueuePanel } from '../queue/QueuePanel.tsx';
import { useGoneImages } from '../queue/useGoneImages.ts';
import { useJobs } from '../queue/useJobs.ts';
import { buildRequest, promptUsable, simpleModel } from './buildRequest.ts';
import { checkBuilt } from './fieldMessages.ts';
import { GenerateForm } from './GenerateForm.tsx';
import { GenerateResult } from './GenerateResult.tsx';
import { NoKeyNotice } from './NoKeyNotice.tsx';
import { receiveReferences } from './referenceInbox.ts';
import { useCatalog } from './useCatalog.ts';
import { type GenerateFormState, useGenerateForm } from './useGenerateForm.ts';
import { useGenerateSubmit } from './useGenerateSubmit.ts';
import { usePromptHistory } from './usePromptHistory.ts';
import { useSubmittedJobs } from './useSubmittedJobs.ts';

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

/**
 * What reaches the form from elsewhere: "Use as reference" in the viewer adds to its references; "Reuse settings"
 * fills it with that image's request and puts the caret in the prompt, where the user continues.
 */
function useFormInbox(editor: GenerateFormState, reuseRequest: ReuseRequest | null, promptRef: RefObject<HTMLTextAreaElement | null>) {
  const { reuse, addReferences } = editor;
  useEffect(() => receiveReferences(addReferences), [addReferences]);
  useEffect(() => {
    if (!reuseRequest) return;
    reuse(reuseRequest.image);
    promptRef.current?.focus();
  }, [reuseRequest, reuse, promptRef]);
}

/** A job refused for a missing key (removed behind our back, or never stored) turns the form into the first-run notice. */
function useKeyMissingCheck({ refresh }: KeyStatusState, latestErrorCode: string | undefined) {
  useEffect(() => {
    if (latestErrorCode === 'KEY_MISSING') refresh();
  }, [latestErrorCode, refresh]);
}

export function GenerateView({ keyStatus, onOpenSettings, reuseRequest, queuePausedUntil }: Props) {
  const { t } = useTranslation();
  const catalogState = useCatalog();
  const models = catalogState.catalog?.models ?? [];
  const traits = catalogState.catalog?.traits ?? {};
  const jobsState = useJobs();
  const history = usePromptHistory();
  const editor = useGenerateForm(catalogState.catalog);
  const { form } = editor;
  const promptRef = useRef<HTMLTextAreaElement>(null);
  useFormInbox(editor, reuseRequest, promptRef);
  const submitted = useSubmittedJobs(jobsState.jobs);
  const presence = useGoneImages(jobsState.jobs);

  useKeyMissingCheck(keyStatus, submitted.error?.code);
  const built = buildRequest(form, models, traits);
  const checked = checkBuilt(built);
  const modelChosen = form.mode === 'simple' || form.advanced.model !== '';
  const submitting = useGenerateSubmit({
    built,
    ready: modelChosen && promptUsable(form.prompt, built.promptLimit) && !checked.blocked,
    enqueue: jobsState.enqueue,
    onQueued: (jobs) => {
      submitted.track(jobs);
      history.refresh();
    },
  });
  const defaultModel = simpleModel({ ...form.simple, model: '' }, models, traits);

  return (
    <section className="view" aria-labelledby="generate-title">
      <ViewHeader id="generate-title" title={t('generate.title')} subtitle={t('generate.subtitle')} />

      {keyStatus.error && <ErrorMessage error={keyStatus.error} testId="generate-key-error" onOpenSettings={onOpenSettings} />}

      <div className="generate">
        {keyStatus.status?.present === false ? (
          <NoKeyNotice onOpenSettings={onOpenSettings} />
        ) : (
          <GenerateForm
            editor={editor}
            catalogState={catalogState}
            built={built}
            messages={checked.messages}
            defaultModel={defaultModel}
            history={history}
            promptRef={promptRef}
            submitting={submitting}
            onOpenSettings={onOpenSettings}
          />
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
