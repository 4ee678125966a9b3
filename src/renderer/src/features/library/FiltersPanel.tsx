import { Suspense, lazy } from 'react';
import { useTranslation } from 'react-i18next';
import type { Collection } from '../../../../shared/ipc/schemas/library.ts';
import { IMAGE_FORMATS } from '../../../../shared/veniceFacts.ts';
import { type SelectOption, SelectField } from '../../ui/SelectField.tsx';
import { ASPECTS, BLURRED_CHOICES, type Filters, KINDS, NO_FILTERS, type Scope } from './query.ts';
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

const RATINGS = [1, 2, 3, 4, 5] as const;

/** Every filter the query takes; each change applies at once and combines with the search text and the sort. */
export function FiltersPanel({ filters, onChange, scope, models, tags, collections }: Props) {
  const { t, i18n } = useTranslation();
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => onChange({ ...filters, [key]: value });
  // "Any" first: '' (or 0 stars) is the filter left open.
  const any = t('filters.any');
  const inCollection = scope.kind === 'collection';

  return (
    <div id="library-filters" className="filters" role="group" aria-label={t('filters.label')} data-testid="filters-panel">
      <FilterSelect id="filter-model" label={t('filters.model')} value={filters.model} options={[{ value: '', label: any }, ...models.map((m) => ({ value: m, label: m }))]} onChange={(v) => set('model', v)} />
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
      <FilterSelect id="filter-aspect" label={t('filters.aspect')} value={filters.aspect} options={[{ value: '', label: any }, ...ASPECTS.map((a) => ({ value: a, label: t(`filters.aspects.${a}`) }))]} onChange={(v) => set('aspect', v)} />
      <FilterSelect id="filter-format" label={t('filters.format')} value={filters.format} options={[{ value: '', label: any }, ...IMAGE_FORMATS.map((f) => ({ value: f, label: f.toUpperCase() }))]} onChange={(v) => set('format', v)} />
      <FilterSelect
        id="filter-rating"
        label={t('filters.minRating')}
        value={filters.minRating}
        options={[{ value: 0, label: any }, ...RATINGS.map((n) => ({ value: n, label: t('filters.atLeast', { count: n }) }))]}
        onChange={(v) => set('minRating', v)}
      />
      <FilterSelect
        id="filter-tag"
        label={t('filters.tag')}
        value={filters.tag}
        options={[{ value: '', label: any }, ...tags.map((tag) => ({ value: tag.name, label: t('filters.tagOption', { name: tag.name, count: formatCount(tag.count, i18n.language) }) }))]}
        onChange={(v) => set('tag', v)}
      />
      <FilterSelect
        id="filter-collection"
        label={t('filters.collection')}
        value={inCollection ? scope.id : filters.collectionId}
        options={[{ value: '', label: any }, ...collections.map((c) => ({ value: c.id, label: c.name }))]}
        disabled={inCollection}
        onChange={(v) => set('collectionId', v)}
      />
      <FilterSelect
        id="filter-blurred"
        label={t('filters.blurred')}
        value={filters.blurred}
        options={BLURRED_CHOICES.map((b) => ({ value: b, label: t(`filters.blurredChoices.${b}`) }))}
        onChange={(v) => set('blurred', v)}
      />
      <FilterSelect id="filter-kind" label={t('filters.kind')} value={filters.kind} options={[{ value: '', label: any }, ...KINDS.map((k) => ({ value: k, label: t(`filters.kinds.${k}`) }))]} onChange={(v) => set('kind', v)} />
      <FilterCheck testId="filter-has-versions" label={t('filters.hasVersions')} checked={filters.hasVersions} onChange={(on) => set('hasVersions', on)} />
      <FilterCheck
        testId="filter-favorites"
        label={t('filters.favoritesOnly')}
        checked={filters.favoritesOnly || scope.kind === 'favorites'}
        disabled={scope.kind === 'favorites'}
        onChange={(on) => set('favoritesOnly', on)}
      />
      <button type="button" className="button button--ghost button--small filters__clear" data-testid="filter-clear" onClick={() => onChange(NO_FILTERS)}>
        {t('filters.clear')}
      </button>
      <p className="muted filters__hint" data-testid="search-syntax">
        {t('filters.searchSyntax')}
      </p>
    </div>
  );
}

interface FilterSelectProps<T extends string | number> {
  id: string;
  label: string;
  value: T;
  options: readonly SelectOption<T>[];
  onChange: (value: T) => void;
  disabled?: boolean;
}

/** A filter's select: the forms' SelectField, compact, its test id its id. */
function FilterSelect<T extends string | number>({ id, label, value, options, onChange, disabled }: FilterSelectProps<T>) {
  return <SelectField id={id} testId={id} label={label} value={value} options={options} onChange={onChange} disabled={disabled} className="filters__field" selectClassName="select--compact" />;
}

function FilterCheck({ testId, label, checked, disabled, onChange }: { testId: string; label: string; checked: boolean; disabled?: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="check check--inline filters__check">
      <input type="checkbox" data-testid={testId} checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
    </label>
  );
}
