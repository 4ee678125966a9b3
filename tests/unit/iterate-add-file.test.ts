import { describe, expect, it } from 'vitest';
import type { Dispatch } from '../../src/main/core/ipc/router.ts';
import type { Services } from '../../src/main/core/services.ts';
import type { Result } from '../../src/shared/errors.ts';
import { makeImage } from './fixtures/transferImages.ts';
import { recordingContext } from './helpers/requestContext.ts';
import { eachRoutedServices } from './helpers/routedServices.ts';

/**
 * iterate.add_file: a file picked, dropped or pasted into the iterate form becomes a library image first (the page
 * names library images only), through the real router and services.
 */
let services: Services;
let dispatch: Dispatch;
eachRoutedServices({ prefix: 'lagoon-addfile-' }, (app) => ({ services, dispatch } = app));

const addFile = (name: string, bytes: Uint8Array): Promise<Result<unknown>> => dispatch('iterate.add_file', { name, bytes }, recordingContext().ctx);

describe('iterate.add_file', () => {
  it('imports a new file and answers its id; the same picture again answers the same id, not a second image', async () => {
    const bytes = new Uint8Array(await makeImage('png', { seed: 5150 }));
    const first = await addFile('pasted.png', bytes);
    expect(first.ok).toBe(true);
    const { id, added } = (first as { data: { id: string; added: boolean } }).data;
    expect(added).toBe(true);
    expect(services.library.get(id)?.format).toBe('png');

    const again = await addFile('same picture.png', bytes);
    expect(again).toEqual({ ok: true, data: { id, added: false } });
  });

  it('refuses a file that is not an image, with nothing sent and nothing stored', async () => {
    const result = await addFile('notes.png', new TextEncoder().encode('not a picture at all'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_INPUT');
    expect(result.error.details).toMatchObject({ problem: 'not_an_image', mayHaveBeenCharged: false });
  });
});
