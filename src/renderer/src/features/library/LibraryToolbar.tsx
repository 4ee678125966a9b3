import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { THUMB_MAX, THUMB_MIN } from './gridLayout.ts';
import { SORTS, type Sort, isSort } from './query.ts';
import { NameForm } from './NameForm.tsx';
import { StackToggle } from './StackBadge.tsx';

interface Props {
  text: string;
  onText: (text: string) => void;
  /** A new value asks for the caret in the search field (Ctrl/Cmd+F, "/"). */
  focusRequest: number;
  /** The typed text has not been searched yet, or its answer is on the way. */
  searching: boolean;
  sort: Sort;
  onSort: (sort: Sort) => void;
  filterCount: number;
  filtersOpen: boolean;
  onToggleFilters: () => void;
  thumbSize: number;
  onThumbSize: (size: number) => void;
  /** Families stacked in the grid (one tile per family). */
  stacking: boolean;
  onStacking: (on: boolean) => void;
  canSave: boolean;
  /** False in the trash, where a saved search would have nothing to keep. */
  offerSave: boolean;
  onSaveSearch: (name: string) => Promise<void>;
}

/** The search field; a new `focusRequest` puts the caret in it with its text selected (Ctrl/Cmd+F, "/"). */
function SearchField({ text, onText, focusRequest, searching }: Pick<Props, 'text' | 'onText' | 'focusRequest' | 'searching'>) {
  const { t } = useTranslation();
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusRequest === 0) return;
    search.current?.focus();
    search.current?.select();
  }, [focusRequest]);
  return (
    <div className={searching ? 'lib-search lib-search--busy' : 'lib-search'}>
      <svg className="lib-search__icon" viewBox="0 0 24 24" aria-hidden="true">
        <circle cx="11" cy="11" r="6" />
        <path d="M20 20l-4.5-4.5" />
      </svg>
      <input
        ref={search}
        type="search"
        className="input lib-search__input"
        data-testid="search-input"
        aria-label={t('search.label')}
        placeholder={t('search.placeholder')}
        value={text}
        maxLength={500}
        dir="auto"
        spellCheck={false}
        onChange={(e) => onText(e.target.value)}
      />
      {searching && <span className="spinner lib-search__spinner" aria-hidden="true" />}
    </div>
  );
}

/** Search field, filters toggle, sort, thumbnail size, the result count and "save this search". */
export function LibraryToolbar(props: Props) {
  const { t } = useTranslation();
  const [naming, setNaming] = useState(false);

  return (
    <div className="lib-toolbar">
      <SearchField text={props.text} onText={props.onText} focusRequest={props.focusRequest} searching={props.searching} />

      <button type="button" className={`button${props.filterCount > 0 ? ' button--active' : ''}`} data-testid="filter-toggle" aria-expanded={props.filtersOpen} aria-controls="library-filters" onClick={props.onToggleFilters}>
        <svg className="button__icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M4 6h16M7 12h10M10 18h4" />
        </svg>
        {t('filters.button')}
        {props.filterCount > 0 && (
          <span className="badge" data-testid="filter-count">
            {props.filterCount}
          </span>
        )}
      </button>

      <label className="lib-toolbar__field">
        <span className="visually-hidden">{t('sort.label')}</span>
        <select className="select select--compact" data-testid="sort-select" aria-label={t('sort.label')} value={props.sort} onChange={(e) => isSort(e.target.value) && props.onSort(e.target.value)}>
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`sort.${s}`)}
            </option>
          ))}
        </select>
      </label>

      <StackToggle on={props.stacking} onChange={props.onStacking} />

      <label className="lib-toolbar__slider" title={t('library.thumbSize')}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <rect x="5" y="5" width="14" height="14" rx="2" />
        </svg>
        <input
          type="range"
          data-testid="thumb-size-slider"
          aria-label={t('library.thumbSize')}
          min={THUMB_MIN}
          max={THUMB_MAX}
          step={8}
          value={props.thumbSize}
          onChange={(e) => props.onThumbSize(Number(e.target.value))}
        />
      </label>

      {!props.offerSave ? null : naming ? (
        <NameForm
          testId="save-search-name"
          label={t('search.saveName')}
          initial={props.text.trim().slice(0, 60)}
          onCancel={() => setNaming(false)}
          onSubmit={async (name) => {
            await props.onSaveSearch(name);
            setNaming(false);
          }}
        />
      ) : (
        <button type="button" className="button button--ghost button--small" data-testid="save-search" disabled={!props.canSave} title={t('search.saveHint')} onClick={() => setNaming(true)}>
          {t('search.save')}
        </button>
      )}
    </div>
  );
}
