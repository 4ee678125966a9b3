import { describe, expect, it } from 'vitest';
import { dateFormat, formatCount, formatDuration, formatUsd, numberFormat } from '../../src/renderer/src/lib/format.ts';

describe('the renderer’s number and date formats', () => {
  it('are made once per locale and options, and kept', () => {
    expect(numberFormat('de-DE', { maximumFractionDigits: 1 })).toBe(numberFormat('de-DE', { maximumFractionDigits: 1 }));
    expect(numberFormat('de-DE', { maximumFractionDigits: 1 })).not.toBe(numberFormat('de-DE', { maximumFractionDigits: 2 }));
    expect(numberFormat('de-DE')).not.toBe(numberFormat('en-US'));
    expect(dateFormat('en-US', { dateStyle: 'medium' })).toBe(dateFormat('en-US', { dateStyle: 'medium' }));
    expect(dateFormat('en-US', { dateStyle: 'medium' })).not.toBe(dateFormat('en-US', { dateStyle: 'long' }));
  });

  it('write each locale’s own way, whichever was asked first', () => {
    expect(formatCount(10_000, 'en-US')).toBe('10,000');
    expect(formatCount(10_000, 'de-DE')).toBe('10.000');
    expect(formatUsd(0.04, 'en-US')).toBe('$0.04');
    expect(formatUsd(0.0375, 'de-DE')).toBe('0,0375\u00a0$');
    expect(formatDuration(45_000, 'en-US')).toBe('45 seconds');
    expect(formatDuration(3 * 3_600_000, 'de-DE')).toBe('3 Stunden');
    const at = new Date(Date.UTC(2026, 11, 4, 12));
    expect(dateFormat('de-DE', { dateStyle: 'long', timeZone: 'UTC' }).format(at)).toBe('4. Dezember 2026');
    expect(dateFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(at)).toBe('December 4, 2026');
  });
});
