import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelInfo } from '../../../../shared/models.ts';
import { dateFormat, formatUsd } from '../../lib/format.ts';
import { priceRange } from './prices.ts';

/** The chosen model at a glance: what Venice says it is good at, what it costs, and whether it is going away. */
interface Props {
  model: ModelInfo;
  models: readonly ModelInfo[];
  /** Offered when a deprecated model names a replacement Lagoon knows. */
  onChoose: (id: string) => void;
}

export function ModelCard({ model, models, onChoose }: Props) {
  const { t, i18n } = useTranslation();
  const range = priceRange(model);
  const deprecation = model.deprecation;
  const replacementModel = deprecation?.replacement ? models.find((m) => m.id === deprecation.replacement) : undefined;
  const replacement = replacementModel?.name ?? deprecation?.replacement ?? null;
  const removalAt = deprecation?.date ? new Date(deprecation.date) : null;
  const removal = removalAt && !Number.isNaN(removalAt.getTime()) ? dateFormat(i18n.language, { dateStyle: 'medium' }).format(removalAt) : null;
  // A removal date is a day, not a moment: the time the card first showed is close enough to "now".
  const [shownAt] = useState(() => Date.now());
  const removalPassed = removalAt !== null && removalAt.getTime() < shownAt;
  const traitLabel = (trait: string): string => (i18n.exists(`models.traits.${trait}`) ? t(`models.traits.${trait}`) : trait);

  return (
    <div className="model-card" data-testid="model-card" data-model-id={model.id}>
      <div className="model-card__head">
        <span className="model-card__name bidi-isolate" dir="auto">
          {model.name}
        </span>
        {model.traits.length > 0 && (
          <ul className="badges" aria-label={t('models.traitsLabel')} data-testid="model-traits">
            {model.traits.map((trait) => (
              <li key={trait} className="badge">
                {traitLabel(trait)}
              </li>
            ))}
          </ul>
        )}
      </div>
      <p className="model-card__price" data-testid="model-price">
        {range === null
          ? t('models.priceUnknown')
          : range.min === range.max
            ? t('models.pricePerImage', { price: formatUsd(range.min, i18n.language) })
            : t('models.pricePerImageRange', { min: formatUsd(range.min, i18n.language), max: formatUsd(range.max, i18n.language) })}
      </p>
      {model.offline && (
        <p className="field__error" data-testid="model-offline">
          {t('models.offline')}
        </p>
      )}
      {deprecation && (
        <p className="field__warning" data-testid="model-deprecated">
          {removal === null
            ? t('models.deprecated')
            : removalPassed
              ? t('models.deprecatedPast', { date: removal })
              : t('models.deprecatedOn', { date: removal })}
          {replacement && ` ${t('models.useInstead', { name: replacement })}`}
          {replacementModel && !replacementModel.offline && (
            <>
              {' '}
              <button type="button" className="link-button" data-testid="model-use-replacement" onClick={() => onChoose(replacementModel.id)}>
                {t('models.switchTo', { name: replacementModel.name })}
              </button>
            </>
          )}
        </p>
      )}
    </div>
  );
}
