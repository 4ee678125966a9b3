import type { Handlers } from '../../../shared/ipc/contract.ts';
import type { RequestContext } from '../ipc/router.ts';
import type { IterateService } from '../iterate/iterateService.ts';
import type { Transfer } from '../transfer/transferService.ts';

type IterateRoutes = 'iterate.prepare' | 'iterate.queue' | 'iterate.catalog' | 'iterate.add_file' | 'iterate.downscale_input' | 'images.lineage';

export const iterateHandlers = (deps: { iterate: IterateService; transfer: Transfer }): Pick<Handlers<RequestContext>, IterateRoutes> => ({
  'iterate.prepare': async ({ draft }) => {
    const { priceUsd, upscale } = await deps.iterate.prepare(draft);
    return { priceUsd, upscale };
  },
  'iterate.queue': async ({ draft }) => {
    const { job, prepared } = await deps.iterate.queue(draft);
    return { jobId: job.id, priceUsd: prepared.priceUsd, upscale: prepared.upscale };
  },
  'iterate.catalog': async ({ refresh }) => {
    const { catalog } = deps.iterate;
    if (refresh) await catalog.refresh();
    return { models: [...catalog.models()], prices: catalog.prices(), fetchedAt: catalog.fetchedAt() };
  },
  'iterate.add_file': async ({ name, bytes }) => deps.transfer.importInput(name, bytes),
  'iterate.downscale_input': async ({ id }) => deps.iterate.downscaleInput(id),
  'images.lineage': async ({ id }) => deps.iterate.lineage(id),
});
