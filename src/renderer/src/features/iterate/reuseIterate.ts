import type { ImageDetail } from '../../../../shared/ipc/schemas/images.ts';
import { call } from '../../api.ts';
import { type IterateLaunch, type IterateMode, settingsFromSent } from './iterateSettings.ts';

const MODE_OF: Partial<Record<ImageDetail['endpoint'], IterateMode>> = { edit: 'edit', combine: 'combine', upscale: 'upscale' };

/** The form that made this image, when one did (a background removal has no settings to reuse). */
export const iterateModeOf = (endpoint: ImageDetail['endpoint']): IterateMode | null => MODE_OF[endpoint] ?? null;

/**
 * "Reuse settings" on an edited, combined or upscaled image: the same form with the request as it was sent and the
 * same inputs in the same order. A parent deleted since cannot come back; the form then says what is missing.
 */
export const reuseLaunch = async (image: ImageDetail, mode: IterateMode): Promise<IterateLaunch> => {
  const lineage = await call('images.lineage', { id: image.id });
  const ids = lineage.parents.flatMap((p) => (p.id !== null && p.state !== 'deleted' ? [p.id] : []));
  return { mode, ids, settings: settingsFromSent(lineage.request ?? image.request) };
};
