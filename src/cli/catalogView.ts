import { AppError, isAppError } from '../shared/errors.ts';
import type { Catalog } from '../shared/ipc/schemas/catalog.ts';
import { CATALOG_MAX_AGE_MS, type CatalogService } from '../main/core/catalog/catalogService.ts';

/** Venice's model catalogue as a CLI run sees it: the DB's copy, refreshed when missing or stale (or on request). */
export interface CatalogView {
  catalog: Catalog;
  /** Fetched from Venice during this run, so asking again would not tell anything new. */
  refreshed: boolean;
  /** Why fetching it failed, when it did; the cached copy (if any) is still in `catalog`. */
  failure: AppError | null;
}

/**
 * The core's own refreshIfStale would log a failure with its stack to stderr; here the failure is kept instead,
 * so each command can say in one line what it means for the user (a stale list, or checks that could not be made).
 */
export const loadCatalog = async (service: CatalogService, how: 'if-stale' | 'force'): Promise<CatalogView> => {
  const cached = await service.list();
  if (how === 'if-stale' && cached.fetchedAt !== null && cached.models.length > 0 && Date.now() - cached.fetchedAt < CATALOG_MAX_AGE_MS) {
    return { catalog: cached, refreshed: false, failure: null };
  }
  try {
    return { catalog: await service.list({ refresh: true }), refreshed: true, failure: null };
  } catch (error) {
    const failure = isAppError(error) ? error : new AppError('INTERNAL', "Venice's model list could not be read.");
    return { catalog: await service.list(), refreshed: false, failure };
  }
};

export const catalogAvailable = (view: CatalogView): boolean => view.catalog.models.length > 0;

/** Why the CLI has no model list to check against, in words a user can act on. */
export const unavailableReason = (view: CatalogView): string =>
  view.failure
    ? `Venice's model list could not be loaded (${view.failure.message.replace(/\.$/, '')})`
    : "Lagoon has no copy of Venice's model list";
