// Property-based tests of the request parser with fast-check, thousands of cases per run.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteWord } from '../solution/commands.ts';
import type { FeedResult } from '../solution/request-parser.ts';
import { RequestParser } from '../solution/request-parser.ts';
import { protocolLikeText } from './protocol-arbitraries.ts';
import { encodeCommand } from './solution-raw-client.ts';

interface Outcome {
  commands: string[][];
  result: FeedResult['kind'] | string;
}

/**
 * Feeds `chunks` in order and records every command (as one-byte strings) and how feeding ended;
 * throws when an argument read with lookupString differs from the same argument read with string().
 */
function parse(chunks: Buffer[]): Outcome {
  const parser = new RequestParser();
  const commands: string[][] = [];
  let result: Outcome['result'] = 'more';
  for (const chunk of chunks) {
    const fed = parser.feed(chunk, (args) => {
      const command: string[] = [];
      for (let i = 0; i < args.count; i++) {
        // lookupString cuts from the chunk's text where string() copies: the same argument either way.
        const text = args.string(i);
        if (args.lookupString(i) !== text) throw new Error(`lookupString(${i}) is not string(${i})`);
        command.push(text);
      }
      commands.push(command);
      return true;
    });
    if (fed.kind !== 'more') {
      result = fed.kind === 'protocol-error' ? fed.message : fed.kind;
      break;
    }
  }
  return { commands, result };
}

/** Splits `bytes` at the given cut points (any numbers; they are folded into range). */
function split(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    if (point > start) chunks.push(bytes.subarray(start, point));
    start = Math.max(start, point);
  }
  return chunks;
}

const bytesArg = fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes).toString('latin1'));
const command = fc.array(bytesArg, { minLength: 1, maxLength: 6 });
const commands = fc.array(command, { minLength: 1, maxLength: 8 });
const cuts = fc.array(fc.nat(), { maxLength: 12 });

describe('the request parser', () => {
  it('reads any commands encoded as RESP arrays back, however the bytes are split', () => {
    fc.assert(
      fc.property(commands, cuts, (sent, cutPoints) => {
        const bytes = Buffer.concat(sent.map((args) => encodeCommand(args)));
        expect(parse(split(bytes, cutPoints))).toEqual({ commands: sent, result: 'more' });
      }),
      { numRuns: 3000 },
    );
  });

  it('reads inline lines quoted like COMPACT writes them back to the same words', () => {
    const word = fc.uint8Array({ maxLength: 20 }).map((bytes) => Buffer.from(bytes).toString('latin1'));
    // A line starts with a command name: one starting with '*' would be a RESP array, as in Redis.
    const line = fc.array(word, { maxLength: 5 }).map((words) => ['SET', ...words]);
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 5 }), cuts, (lines, cutPoints) => {
        const text = lines.map((words) => `${words.map(quoteWord).join(' ')}\r\n`).join('');
        expect(parse(split(Buffer.from(text, 'latin1'), cutPoints))).toEqual({
          commands: lines,
          result: 'more',
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on random or damaged input, and answers the same however it is split', () => {
    const valid = commands.map((sent) => Buffer.concat(sent.map((args) => encodeCommand(args))));
    const damaged = fc
      .tuple(
        valid,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
      )
      .map(([bytes, edits]) => {
        const copy = Buffer.from(bytes);
        for (const [position, byte] of edits) copy[position % copy.length] = byte;
        return copy;
      });
    const random = fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes));
    const protocolish = protocolLikeText.map((text) => Buffer.from(text, 'latin1'));
    fc.assert(
      fc.property(fc.oneof(damaged, random, protocolish), cuts, (bytes, cutPoints) => {
        const whole = parse([bytes]);
        expect(parse(split(bytes, cutPoints))).toEqual(whole);
        if (typeof whole.result === 'string' && whole.result !== 'more') {
          expect(whole.result).toMatch(/^ERR Protocol error: /);
        }
      }),
      { numRuns: 5000 },
    );
  });
});
