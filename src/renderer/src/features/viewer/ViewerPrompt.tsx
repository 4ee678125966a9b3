import { useTranslation } from 'react-i18next';
import type { ImageDetail, ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import type { Range } from '../../ui/highlight.ts';
import { BlurredBadge } from '../../ui/BlurredBadge.tsx';
import { HighlightedText } from '../../ui/HighlightedText.tsx';
import { EnhancedPrompt } from '../iterate/EnhancedPrompt.tsx';
import { titledByFileName } from './variants.ts';

interface Props {
  info: ImageSummary;
  detail: ImageDetail | null;
  /** The search's matches in the prompt, highlighted. */
  ranges: readonly Range[] | undefined;
}

/** The image's prompt (or, for an imported file without one, its file name), the enhanced prompt, the blur notice. */
export function ViewerPrompt({ info, detail, ranges }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <h2 className="viewer__heading" data-testid="viewer-prompt-heading">
        {detail && titledByFileName(detail) ? t('viewer.fileName') : t('viewer.prompt')}
      </h2>
      <p className="prompt-text viewer__prompt" dir="auto" data-testid="viewer-prompt">
        <HighlightedText text={info.prompt} ranges={ranges} />
      </p>
      <EnhancedPrompt id={info.id} />
      {info.blurred && <BlurredBadge variant="notice" endpoint={detail?.endpoint} />}
    </>
  );
}
