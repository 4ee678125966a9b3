import { describe, expect, it } from 'vitest';
import { cliInvocation, isCliInvocation, userArguments } from '../../src/main/shell/cliMode.ts';

describe('the installed app as the lagoon command', () => {
  it('reads the user arguments after the executable (packaged) or after `electron .` (checkout)', () => {
    expect(userArguments(['/opt/Lagoon/lagoon', 'list', '--json'], true)).toEqual(['list', '--json']);
    expect(userArguments(['/x/electron', '.', 'list', '--json'], false)).toEqual(['list', '--json']);
  });

  it('takes a first word as a command, and opens the window for nothing, file paths and Chromium switches', () => {
    for (const args of [['list', '--json'], ['search', 'fox'], ['--help'], ['--version'], ['-V'], ['help', 'export'], ['lsit']]) expect(isCliInvocation(args), args.join(' ')).toBe(true);
    for (const args of [[], ['/home/u/a.png'], ['./a.png'], ['--no-sandbox'], ['--enable-features=X', 'list'], ['C:\\pics\\a.png'], ['file:///a.png'], ['List']]) {
      expect(isCliInvocation(args), args.join(' ')).toBe(false);
    }
  });

  it('takes everything after the launchers’ --lagoon-cli as the command line, even nothing', () => {
    expect(isCliInvocation(['--lagoon-cli'])).toBe(true);
    expect(isCliInvocation(['--lagoon-cli', '/home/u/a.png'])).toBe(true);
    expect(cliInvocation(['--lagoon-cli'], {}, true).argv).toEqual([]);
    expect(cliInvocation(['--lagoon-cli', 'list', '--json'], {}, true).argv).toEqual(['list', '--json']);
    // Only in first place: later, it is an argument like any other (the CLI refuses it as an unknown flag).
    expect(isCliInvocation(['/home/u/a.png', '--lagoon-cli'])).toBe(false);
  });

  it('keeps the window’s rule for the base URL: only the developer switch redirects an installed build', () => {
    const env = { LAGOON_API_BASE_URL: 'http://127.0.0.1:9/api/v1', LAGOON_DATA_DIR: '/d', HOME: '/h' };
    const quiet = cliInvocation(['list', '--json'], env, true);
    expect(quiet.argv).toEqual(['list', '--json']);
    expect(quiet.env).toEqual({ LAGOON_DATA_DIR: '/d', HOME: '/h' });
    const switched = cliInvocation(['list', '--lagoon-dev-base-url=http://127.0.0.1:4000/api/v1', '--json'], env, true);
    expect(switched.argv).toEqual(['list', '--json']);
    expect(switched.env.LAGOON_API_BASE_URL).toBe('http://127.0.0.1:4000/api/v1');
    expect(cliInvocation(['list'], env, false).env.LAGOON_API_BASE_URL).toBe('http://127.0.0.1:9/api/v1');
  });
});
