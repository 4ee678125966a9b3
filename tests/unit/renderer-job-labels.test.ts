import { describe, expect, it } from 'vitest';
import { jobName } from '../../src/renderer/src/features/queue/jobLabels.ts';

describe('jobName (what a queue button says its job is)', () => {
  it('keeps a short prompt whole, on one line', () => {
    expect(jobName('a red fox')).toBe('a red fox');
    expect(jobName('  a red fox\n in snow  ')).toBe('a red fox in snow');
  });

  it('cuts a long prompt at a word, with an ellipsis', () => {
    const prompt = 'a lighthouse on a cliff at dawn, waves breaking below, gulls circling, soft pastel light';
    const name = jobName(prompt);
    expect(name.endsWith('…')).toBe(true);
    expect(name.length).toBeLessThanOrEqual(61);
    expect(prompt.startsWith(name.slice(0, -1))).toBe(true);
    expect(name.at(-2)).not.toBe(' ');
    expect(prompt[name.length - 1]).toBe(' ');
  });

  it('never splits an emoji in half', () => {
    const name = jobName('🐉'.repeat(40));
    expect(name.endsWith('…')).toBe(true);
    expect(name.isWellFormed()).toBe(true);
  });
});
