import { describe, expect, it } from 'vitest';
import { helpText, parseArgv } from '../src/args.ts';

describe('parseArgv', () => {
  it('lists labs when given nothing', () => {
    expect(parseArgv([]).verb).toBe('list');
  });

  it('treats a bare lab name as `up`', () => {
    const parsed = parseArgv(['toy-redis', '--detach']);
    expect(parsed.verb).toBe('up');
    expect(parsed.positionals).toEqual(['toy-redis']);
    expect(parsed.flags.detach).toBe(true);
  });

  it('parses verbs, their arguments and flags', () => {
    expect(parseArgv(['check', 'toy-redis', '--json'])).toMatchObject({
      verb: 'check',
      positionals: ['toy-redis'],
      flags: { json: true },
    });
    expect(parseArgv(['answer', 'nat', 'cost', '4608']).positionals).toEqual(['nat', 'cost', '4608']);
    expect(parseArgv(['logs', 'lab', 'web', '-f']).flags.follow).toBe(true);
    expect(parseArgv(['reset', 'lab', '--progress']).flags.progress).toBe(true);
  });

  it('keeps everything after -- for exec', () => {
    const parsed = parseArgv(['exec', 'nat', 'router', '--', 'iptables', '-t', 'nat', '-L', '--json']);
    expect(parsed.rest).toEqual(['iptables', '-t', 'nat', '-L', '--json']);
    expect(parsed.flags.json).toBe(false);
  });

  it('rejects wrong arity and unknown flags with usage', () => {
    expect(() => parseArgv(['check'])).toThrow(/missing arguments for 'check'/);
    expect(() => parseArgv(['down', 'a', 'b'])).toThrow(/too many arguments for 'down'/);
    expect(() => parseArgv(['exec', 'lab', 'web'])).toThrow(/'exec' needs a command after --/);
    expect(() => parseArgv(['check', 'lab', '--frobnicate'])).toThrow(/frobnicate/);
  });

  it('documents every verb in the help', () => {
    const text = helpText();
    for (const verb of [
      'down',
      'status',
      'check',
      'hint',
      'answer',
      'solution',
      'solve',
      'reset',
      'logs',
      'shell',
      'exec',
      'doctor',
    ]) {
      expect(text).toContain(`pnpm lab ${verb}`);
    }
  });
});
