import { AppError } from '../../../shared/errors.ts';
import type { Handlers } from '../../../shared/ipc/contract.ts';
import type { RequestContext } from '../ipc/router.ts';
import type { Library } from '../library/library.ts';

type ImageRoutes = 'images.get';

const notFound = () => new AppError('NOT_FOUND', 'That image is not in the library.');

export const imagesHandlers = (deps: { library: Library }): Pick<Handlers<RequestContext>, ImageRoutes> => ({
  'images.get': async ({ id }) => {
    const image = deps.library.get(id);
    if (!image) throw notFound();
    return image;
  },
});
