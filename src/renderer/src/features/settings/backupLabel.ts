import type { TFunction } from 'i18next';
import type { BackupInfoView } from '../../../../shared/ipc/schemas/library.ts';
import { dateFormat, numberFormat } from '../../lib/format.ts';

/** "4 Dec 2026, 11:02 · 12.4 MB · 1,204 images", in the UI's language. */
export const backupLabel = (b: BackupInfoView, t: TFunction, locale: string): string =>
  t('backups.label', {
    date: dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(b.at)),
    size: numberFormat(locale, { maximumFractionDigits: 1 }).format(b.bytes / 1e6),
    count: b.images ?? 0,
    images: b.images === null ? '?' : numberFormat(locale).format(b.images),
  });
