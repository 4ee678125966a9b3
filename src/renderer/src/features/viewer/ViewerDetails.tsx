import { useTranslation } from 'react-i18next';
import type { ImageDetail, ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import type { ApiError } from '../../api.ts';
import { dateFormat, formatUsd, numberFormat } from '../../lib/format.ts';
import { variantInfo } from './variants.ts';

interface Props {
  info: ImageSummary;
  detail: ImageDetail | null;
  error: ApiError | null;
}

const ROUTE_KEYS = {
  native: 'viewer.routeNative',
  openai: 'viewer.routeOpenAi',
  import: 'viewer.routeImport',
  edit: 'viewer.routeEdit',
  combine: 'viewer.routeCombine',
  upscale: 'viewer.routeUpscale',
  'remove-background': 'viewer.routeRemoveBackground',
} as const;

/** The request's own fields, as sent to Venice, in a readable order: the prompt is shown above already. */
const requestEntries = (request: Record<string, unknown>): [string, string][] =>
  Object.entries(request)
    .filter(([k, v]) => k !== 'prompt' && v !== undefined && v !== null && v !== '')
    .map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)] as [string, string])
    .toSorted(([a], [b]) => a.localeCompare(b));

/** What the library knows about the image, and the exact request that made it. */
export function ViewerDetails({ info, detail, error }: Props) {
  const { t, i18n } = useTranslation();
  const created = dateFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(info.createdAt));
  const seed = detail && typeof detail.request.seed === 'number' ? detail.request.seed : null;
  const variant = detail ? variantInfo(detail) : null;
  const request = detail ? requestEntries(detail.request) : [];

  return (
    <>
      <h2 className="viewer__heading">{t('viewer.details')}</h2>
      <dl className="details" data-testid="viewer-details">
        <dt>{t('viewer.model')}</dt>
        <dd dir="auto" className="bidi-isolate" data-testid="viewer-model">
          {info.model}
        </dd>
        <dt>{t('viewer.size')}</dt>
        <dd data-testid="viewer-size">{t('viewer.sizeValue', { width: info.width, height: info.height })}</dd>
        <dt>{t('viewer.format')}</dt>
        <dd data-testid="viewer-format">{info.format.toUpperCase()}</dd>
        <dt>{t('viewer.created')}</dt>
        <dd>
          <time dateTime={new Date(info.createdAt).toISOString()}>{created}</time>
        </dd>
        {detail && (
          <>
            <dt>{t('viewer.route')}</dt>
            <dd data-testid="viewer-route">{t(ROUTE_KEYS[detail.endpoint])}</dd>
          </>
        )}
        {variant && (
          <>
            <dt>{t('viewer.variant')}</dt>
            <dd data-testid="viewer-variant" data-reproducible={String(variant.reproducibleAlone)}>
              {t('viewer.variantValue', { number: variant.number, of: variant.of })}
              {!variant.reproducibleAlone && <span className="details__note">{t('viewer.variantNotAlone')}</span>}
            </dd>
          </>
        )}
        {seed !== null && (
          <>
            <dt>{t('viewer.seed')}</dt>
            <dd data-testid="viewer-seed">{variant && !variant.reproducibleAlone ? t('viewer.batchSeed', { seed }) : seed}</dd>
          </>
        )}
        {detail?.priceUsd != null && (
          <>
            <dt>{t('viewer.price')}</dt>
            <dd data-testid="viewer-price">{formatUsd(detail.priceUsd, i18n.language)}</dd>
          </>
        )}
        <dt>{t('viewer.fileSize')}</dt>
        <dd data-testid="viewer-bytes">{detail ? formatBytes(detail.byteSize, i18n.language) : error ? '—' : t('viewer.loading')}</dd>
        {info.trashedAt !== null && (
          <>
            <dt>{t('viewer.trashed')}</dt>
            <dd data-testid="viewer-trashed">{dateFormat(i18n.language, { dateStyle: 'long' }).format(new Date(info.trashedAt))}</dd>
          </>
        )}
      </dl>
      {request.length > 0 && (
        <details className="viewer__request" open>
          <summary className="viewer__heading">{t('viewer.request')}</summary>
          <dl className="details details--mono" data-testid="viewer-request">
            {request.map(([k, v]) => (
              <div key={k} className="details__pair" data-field={k}>
                <dt>{k}</dt>
                <dd dir="auto" className="bidi-isolate">
                  {v}
                </dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </>
  );
}

const formatBytes = (n: number, locale: string): string => {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return numberFormat(locale, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
};
