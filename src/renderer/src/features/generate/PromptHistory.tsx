import { useTranslation } from 'react-i18next';
import { Popover } from '../../ui/Popover.tsx';

interface Props {
  prompts: readonly string[];
  /** Called when the menu opens, so the list is fresh. */
  onOpen: () => void;
  onPick: (prompt: string) => void;
}

/** Recent prompts as a small menu next to the prompt box; picking one replaces the prompt. */
export function PromptHistory({ prompts, onOpen, onPick }: Props) {
  const { t } = useTranslation();

  return (
    <Popover
      testId="prompt-history"
      panelTestId="prompt-history-list"
      className="history"
      panelClass="history__menu"
      buttonClass="link-button"
      onOpen={onOpen}
      label={
        <>
          <svg className="link-button__icon" viewBox="0 0 24 24" aria-hidden="true">
            <circle cx="12" cy="12" r="8.5" />
            <path d="M12 7.5V12l3 2" />
          </svg>
          {t('history.button')}
        </>
      }
    >
      {(close) =>
        prompts.length === 0 ? (
          <p className="history__empty muted" data-testid="prompt-history-empty">
            {t('history.empty')}
          </p>
        ) : (
          <ul className="history__list" aria-label={t('history.label')}>
            {prompts.map((prompt) => (
              <li key={prompt}>
                <button
                  type="button"
                  className="history__item prompt-text"
                  dir="auto"
                  data-testid="prompt-history-item"
                  title={prompt}
                  onClick={() => {
                    close();
                    onPick(prompt);
                  }}
                >
                  {prompt}
                </button>
              </li>
            ))}
          </ul>
        )
      }
    </Popover>
  );
}
