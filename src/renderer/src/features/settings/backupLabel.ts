import type { TFunction } from 'i18next';
import type { BackupInfoView } from '../../../../shared/ipc/schemas/library.ts';

/** "4 Dec 2026, 11:02 · 12.4 MB · 1,204 images", in the UI's language. */
export const backupLabel = (b: BackupInfoView, t: TFunction, locale: string): string =>
  t('backups.label', {
    date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(b.at)),
    size: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(b.bytes / 1e6),
    count: b.images ?? 0,
    images: b.images === null ? '?' : new Intl.NumberFormat(locale).format(b.images),
  });
