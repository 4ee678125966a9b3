import extractChunks from 'png-chunks-extract';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodePngText, readPngChunks, writePngChunks } from '../../src/main/core/transfer/pngChunks.ts';

/** Lagoon's PNG chunk reader against png-chunks-extract, the independent reader the other tests use. */
const png = async (): Promise<Buffer> => {
  const bytes = await sharp({ create: { width: 64, height: 48, channels: 4, background: '#3a7ca5aa' } }).png().toBuffer();
  // A text chunk too, so there is more than IHDR/IDAT/IEND.
  const chunks = readPngChunks(bytes);
  return writePngChunks([chunks[0]!, encodePngText('parameters', 'a heron at dusk'), ...chunks.slice(1)]);
};

const summary = (chunks: Array<{ name: string; data: Uint8Array }>) => chunks.map((c) => [c.name, Buffer.from(c.data).toString('hex')]);

describe('readPngChunks', () => {
  it('reads the same chunks as png-chunks-extract, and ignores bytes after IEND', async () => {
    const bytes = await png();
    expect(summary(readPngChunks(bytes))).toEqual(summary(extractChunks(bytes)));
    const names = readPngChunks(bytes).map((c) => c.name);
    expect([names[0], names[1], names.at(-1), names.includes('IDAT')]).toEqual(['IHDR', 'tEXt', 'IEND', true]);
    expect(summary(readPngChunks(Buffer.concat([bytes, Buffer.from('trailing junk')])))).toEqual(summary(extractChunks(bytes)));
    expect(writePngChunks(readPngChunks(bytes)).equals(bytes)).toBe(true);
  });

  it('refuses what png-chunks-extract refuses: a bad signature, a flipped bit, no IHDR first, no IEND', async () => {
    const bytes = await png();
    const flipped = Buffer.from(bytes);
    flipped[45] = flipped[45]! ^ 0x01; // inside the tEXt chunk's data (IHDR ends at 33, tEXt's data starts at 41)
    const noIhdr = writePngChunks(readPngChunks(bytes).slice(1));
    const noIend = bytes.subarray(0, bytes.length - 12);
    const badSignature = Buffer.concat([Buffer.from('GIF89a\0\0'), bytes.subarray(8)]);
    const cases = [
      ['flipped bit', flipped, /CRC values for tEXt/u],
      ['no IHDR', noIhdr, /IHDR header missing/u],
      ['no IEND', noIend, /no IEND/u],
      ['signature', badSignature, /Invalid \.png file header/u],
    ] as const;
    for (const [label, broken, message] of cases) {
      expect(() => extractChunks(broken), label).toThrow(message);
      expect(() => readPngChunks(broken), label).toThrow(message);
    }
  });

  it('refuses a file cut off inside a chunk, wherever it is cut', async () => {
    const bytes = await png();
    for (let cut = 9; cut < bytes.length - 12; cut += 7) {
      expect(() => readPngChunks(bytes.subarray(0, cut)), `cut at ${cut}`).toThrow(/cut off|no IEND/u);
    }
  });
});
