import { type ReactNode, Suspense, lazy } from 'react';
import { useTranslation } from 'react-i18next';
import type { Collection } from '../../../../shared/ipc/schemas/library.ts';
import { IMAGE_FORMATS, type ImageFormat } from '../../../../shared/veniceFacts.ts';
import { ASPECTS, BLURRED_CHOICES, type Filters, KINDS, NO_FILTERS, type Scope, isAspect, isBlurredChoice, isKind } from './query.ts';
import { formatCount } from '../../lib/format.ts';
import type { TagCount } from './useTagList.ts';

interface Props {
  filters: Filters;
  onChange: (filters: Filters) => void;
  scope: Scope;
  models: readonly string[];
  tags: readonly TagCount[];
  collections: readonly Collection[];
}

// The localised date fields (react-aria) load with the panel, not with the app: most sessions never open the filters.
const DateFilter = lazy(() => import('./DateFilter.tsx').then((m) => ({ default: m.DateFilter })));
const DateFallback = () => <div className="filters__field date-filter date-filter--loading" aria-hidden="true" />;

const isFormat = (s: string): s is ImageFormat => (IMAGE_FORMATS as readonly string[]).includes(s);

/** Every filter the query takes; each change applies at once and combines with the search text and the sort. */
export function FiltersPanel({ filters, onChange, scope, models, tags, collections }: Props) {
  const { t, i18n } = useTranslation();
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => onChange({ ...filters, [key]: value });

  return (
    <div id="library-filters" className="filters" role="group" aria-label={t('filters.label')} data-testid="filters-panel">
      <Field id="filter-model" label={t('filters.model')}>
        <select id="filter-model" className="select select--compact" data-testid="filter-model" value={filters.model} onChange={(e) => set('model', e.target.value)}>
          <option value="">{t('filters.any')}</option>
          {models.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </Field>

      <Suspense
        fallback={
          <>
            <DateFallback />
            <DateFallback />
          </>
        }
      >
        <DateFilter testId="filter-date-from" label={t('filters.from')} value={filters.dateFrom} max={filters.dateTo} onChange={(v) => set('dateFrom', v)} />
        <DateFilter testId="filter-date-to" label={t('filters.to')} value={filters.dateTo} min={filters.dateFrom} onChange={(v) => set('dateTo', v)} />
      </Suspense>

      <Field id="filter-aspect" label={t('filters.aspect')}>
        <select id="filter-aspect" className="select select--compact" data-testid="filter-aspect" value={filters.aspect} onChange={(e) => set('aspect', isAspect(e.target.value) ? e.target.value : '')}>
          <option value="">{t('filters.any')}</option>
          {ASPECTS.map((a) => (
            <option key={a} value={a}>
              {t(`filters.aspects.${a}`)}
            </option>
          ))}
        </select>
      </Field>

      <Field id="filter-format" label={t('filters.format')}>
        <select id="filter-format" className="select select--compact" data-testid="filter-format" value={filters.format} onChange={(e) => set('format', isFormat(e.target.value) ? e.target.value : '')}>
          <option value="">{t('filters.any')}</option>
          {IMAGE_FORMATS.map((f) => (
            <option key={f} value={f}>
              {f.toUpperCase()}
            </option>
          ))}
        </select>
      </Field>

      <Field id="filter-rating" label={t('filters.minRating')}>
        <select id="filter-rating" className="select select--compact" data-testid="filter-rating" value={filters.minRating} onChange={(e) => set('minRating', Number(e.target.value))}>
          <option value={0}>{t('filters.any')}</option>
          {[1, 2, 3, 4, 5].map((n) => (
            <option key={n} value={n}>
              {t('filters.atLeast', { count: n })}
            </option>
          ))}
        </select>
      </Field>

      <Field id="filter-tag" label={t('filters.tag')}>
        <select id="filter-tag" className="select select--compact" data-testid="filter-tag" value={filters.tag} onChange={(e) => set('tag', e.target.value)}>
          <option value="">{t('filters.any')}</option>
          {tags.map((tag) => (
            <option key={tag.name} value={tag.name}>
              {t('filters.tagOption', { name: tag.name, count: formatCount(tag.count, i18n.language) })}
            </option>
          ))}
        </select>
      </Field>

      <Field id="filter-collection" label={t('filters.collection')}>
        <select
          id="filter-collection"
          className="select select--compact"
          data-testid="filter-collection"
          value={scope.kind === 'collection' ? scope.id : filters.collectionId}
          disabled={scope.kind === 'collection'}
          onChange={(e) => set('collectionId', e.target.value)}
        >
          <option value="">{t('filters.any')}</option>
          {collections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>

      <Field id="filter-blurred" label={t('filters.blurred')}>
        <select id="filter-blurred" className="select select--compact" data-testid="filter-blurred" value={filters.blurred} onChange={(e) => isBlurredChoice(e.target.value) && set('blurred', e.target.value)}>
          {BLURRED_CHOICES.map((b) => (
            <option key={b} value={b}>
              {t(`filters.blurredChoices.${b}`)}
            </option>
          ))}
        </select>
      </Field>

      <Field id="filter-kind" label={t('filters.kind')}>
        <select id="filter-kind" className="select select--compact" data-testid="filter-kind" value={filters.kind} onChange={(e) => set('kind', isKind(e.target.value) ? e.target.value : '')}>
          <option value="">{t('filters.any')}</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`filters.kinds.${k}`)}
            </option>
          ))}
        </select>
      </Field>

      <label className="check check--inline filters__check">
        <input type="checkbox" data-testid="filter-has-versions" checked={filters.hasVersions} onChange={(e) => set('hasVersions', e.target.checked)} />
        <span>{t('filters.hasVersions')}</span>
      </label>

      <label className="check check--inline filters__check">
        <input
          type="checkbox"
          data-testid="filter-favorites"
          checked={filters.favoritesOnly || scope.kind === 'favorites'}
          disabled={scope.kind === 'favorites'}
          onChange={(e) => set('favoritesOnly', e.target.checked)}
        />
        <span>{t('filters.favoritesOnly')}</span>
      </label>

      <button type="button" className="button button--ghost button--small filters__clear" data-testid="filter-clear" onClick={() => onChange(NO_FILTERS)}>
        {t('filters.clear')}
      </button>

      <p className="muted filters__hint" data-testid="search-syntax">
        {t('filters.searchSyntax')}
      </p>
    </div>
  );
}

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="filters__field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children}
    </div>
  );
}
