import { describe, expect, it } from 'vitest';
import { onReferencesSent, receiveReferences, sendToReferences } from '../../src/renderer/src/features/generate/referenceInbox.ts';

describe('the reference inbox', () => {
  it('keeps what is sent before the Generate form mounts, for the form, once; the app is told at once either way', () => {
    const shown: string[][] = [];
    const stopShowing = onReferencesSent((ids) => shown.push([...ids]));
    sendToReferences(['a']);
    sendToReferences(['b']);
    expect(shown).toEqual([['a'], ['b']]);

    const received: string[][] = [];
    const stopForm = receiveReferences((ids) => received.push([...ids]));
    expect(received).toEqual([['a', 'b']]);
    sendToReferences(['c']);
    expect(received).toEqual([['a', 'b'], ['c']]);
    stopForm();

    // A form mounted again (StrictMode, or a later mount) does not get the old ones a second time.
    const again: string[][] = [];
    const stopAgain = receiveReferences((ids) => again.push([...ids]));
    expect(again).toEqual([]);
    stopAgain();
    stopShowing();
  });
});
