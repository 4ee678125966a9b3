import { useTranslation } from 'react-i18next';
import { imagesRequested, priceFor } from '../../../../shared/pricing.ts';
import { formatUsd } from '../../lib/format.ts';
import type { BuiltRequest } from './buildRequest.ts';

/** The catalogue price of what Generate will ask for, before it is asked (main records the same figure). */
export function PriceEstimate({ built }: { built: BuiltRequest }) {
  const { t, i18n } = useTranslation();
  const perImage = priceFor(built.model, built.request);
  const count = imagesRequested(built.request);
  // priceFor already adds the search fee; this says why the figure is above the catalogue's.
  const webSearch = built.request.endpoint === 'native' && built.request.enableWebSearch === true;
  if (perImage === null) {
    return (
      <span className="price muted" data-testid="price-estimate" data-price="">
        {t('price.unknown')}
      </span>
    );
  }
  const each = formatUsd(perImage, i18n.language);
  // Rounded so 3 × 0.1 reads 0.3 (for tests and tooling), not 0.30000000000000004.
  const total = Math.round(perImage * count * 1e6) / 1e6;
  return (
    <span className="price" data-testid="price-estimate" data-price={String(total)}>
      {count === 1 ? t('price.single', { price: each }) : t('price.multiple', { count, price: each, total: formatUsd(total, i18n.language) })}
      {webSearch && <span className="muted"> ({t('price.webSearch')})</span>}
    </span>
  );
}
