import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import type { Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors.ts';
import { assertImageFormat, decodeBase64Strict, sniffImageFormat } from '../../src/main/core/venice/imageBytes.ts';

/** The error `fn` throws, or undefined if it does not throw. */
const thrownBy = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
};

const base = (): Sharp => sharp({ create: { width: 16, height: 12, channels: 3, background: '#3366cc' } });
const real = {
  png: await base().png().toBuffer(),
  jpeg: await base().jpeg().toBuffer(),
  webp: await base().webp().toBuffer(),
  gif: await base().gif().toBuffer(),
  tiff: await base().tiff().toBuffer(),
};

describe('decodeBase64Strict', () => {
  // Each of these decodes to *something* with Buffer.from(s, 'base64'), which is exactly the problem.
  const BAD: Array<[string, string]> = [
    ['empty', ''],
    ['only padding', '===='],
    ['a non-alphabet character', 'QU*D'],
    ['base64url minus', 'QUJ-'],
    ['base64url underscore', 'QUJ_'],
    ['an embedded newline', 'QUJD\nRA=='],
    ['an embedded CRLF', 'QUJD\r\nRA=='],
    ['an embedded space', 'QUJD RA=='],
    ['an embedded tab', 'QUJD\tRA=='],
    ['a leading space', ' QUJDRA=='],
    ['a trailing newline', 'QUJDRA==\n'],
    ['missing padding', 'QUJDRA'],
    ['partial padding', 'QUJDRA='],
    ['too much padding', 'QUJDRA==='],
    ['non-zero padding bits', 'QR=='],
    ['non-zero padding bits, one pad', 'QUJ='],
    ['padding in the middle', 'QU==QUJD'],
    ['data after padding', 'QUJDRA==QUJD'],
    ['length 1', 'Q'],
    ['length 5', 'QUJDR'],
    ['a data URL prefix', 'data:image/png;base64,QUJD'],
    ['a non-ASCII letter', 'QUJé'],
    ['full-width letters', 'ＱＵＪＤ'],
    // Node reads only the low byte of these (U+0141 → 'A', U+4E41 → 'A'): they decode to the bytes of 'AAAA'.
    ['a letter whose low byte is "A"', '\u0141AAA'],
    ['a CJK character whose low byte is "A"', '\u4e41AAA'],
    ['a NUL byte', 'QUJ\u0000'],
  ];

  it.each(BAD)('rejects %s', (_label, text) => {
    const err = thrownBy(() => decodeBase64Strict(text));
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'INVALID_RESPONSE' });
    // The message must not echo the (possibly huge, possibly hostile) text back.
    expect((err as AppError).message.includes(text) && text.length > 3).toBe(false);
  });

  it('round-trips every length from 1 to 100 bytes', () => {
    for (let n = 1; n <= 100; n++) {
      const bytes = randomBytes(n);
      expect(decodeBase64Strict(bytes.toString('base64')).equals(bytes)).toBe(true);
    }
  });

  it('round-trips a 3 MB buffer', () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 1);
    expect(decodeBase64Strict(bytes.toString('base64')).equals(bytes)).toBe(true);
  });

  it('decodes known vectors', () => {
    expect(decodeBase64Strict('QUJD').toString()).toBe('ABC');
    expect(decodeBase64Strict('QUI=').toString()).toBe('AB');
    expect(decodeBase64Strict('QQ==').toString()).toBe('A');
    expect(decodeBase64Strict('+/+/').equals(Buffer.from([0xfb, 0xff, 0xbf]))).toBe(true);
  });
});

describe('sniffImageFormat / assertImageFormat', () => {
  it.each(['png', 'jpeg', 'webp'] as const)('recognises a real %s and accepts it when expected', (format) => {
    expect(sniffImageFormat(real[format])).toBe(format);
    expect(() => assertImageFormat(real[format], format)).not.toThrow();
  });

  it.each([
    ['png', 'jpeg'],
    ['png', 'webp'],
    ['jpeg', 'png'],
    ['jpeg', 'webp'],
    ['webp', 'png'],
    ['webp', 'jpeg'],
  ] as const)('rejects a real %s when %s was expected', (actual, expected) => {
    const err = thrownBy(() => assertImageFormat(real[actual], expected));
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'INVALID_RESPONSE', details: { expected, actual } });
  });

  const riffWave = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WAVEfmt ')]);
  const NOT_IMAGES: Array<[string, Uint8Array]> = [
    ['a GIF', real.gif],
    ['a TIFF', real.tiff],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>')],
    ['an HTML page', Buffer.from('<!doctype html><html><body>502 Bad Gateway</body></html>')],
    ['JSON', Buffer.from('{"error":"Inference processing failed"}')],
    ['empty bytes', new Uint8Array(0)],
    ['a PNG cut to 5 bytes', real.png.subarray(0, 5)],
    ['a PNG signature with one byte wrong', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x00, 0, 0, 0, 0])],
    ['a JPEG cut to 2 bytes', Buffer.from([0xff, 0xd8])],
    ['a WebP cut to 10 bytes', real.webp.subarray(0, 10)],
    ['RIFF but WAVE, not WEBP', riffWave],
    ['WEBP without RIFF', Buffer.concat([Buffer.from('RIFX'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 ')])],
    ['base64 text of a PNG', Buffer.from(real.png.toString('base64'))],
  ];

  it.each(NOT_IMAGES)('recognises %s as no image and refuses it for every format', (_label, bytes) => {
    expect(sniffImageFormat(bytes)).toBeNull();
    for (const expected of ['png', 'jpeg', 'webp'] as const) {
      expect(thrownBy(() => assertImageFormat(bytes, expected))).toMatchObject({ code: 'INVALID_RESPONSE' });
    }
  });

  it('accepts a Uint8Array as well as a Buffer', () => {
    expect(sniffImageFormat(new Uint8Array(real.png))).toBe('png');
  });
});
