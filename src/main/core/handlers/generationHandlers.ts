import type { Handlers } from '../../../shared/ipc/contract.ts';
import type { GenerationService } from '../generation/generationService.ts';
import type { RequestContext } from '../ipc/router.ts';

export const generationHandlers = (deps: { generation: GenerationService }): Pick<Handlers<RequestContext>, 'generation.generate'> => ({
  'generation.generate': (input) => deps.generation.generate(input),
});
