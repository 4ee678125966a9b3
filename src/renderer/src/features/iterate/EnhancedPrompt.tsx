import { useTranslation } from 'react-i18next';
import { useLineage } from './useLineage.ts';

/** Venice's rewrite of the prompt (prompt enhancement was on), shown right under the prompt the user wrote. */
export function EnhancedPrompt({ id }: { id: string }) {
  const { t } = useTranslation();
  const enhanced = useLineage(id)?.enhancedPrompt;
  if (!enhanced) return null;
  return (
    <>
      <h3 className="viewer__heading">{t('iterate.enhancedPrompt')}</h3>
      <p className="prompt-text viewer__prompt" dir="auto" data-testid="viewer-enhanced-prompt">
        {enhanced}
      </p>
    </>
  );
}
