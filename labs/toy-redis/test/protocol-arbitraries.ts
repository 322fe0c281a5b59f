// Shared fast-check generators for the protocol tests.
import fc from 'fast-check';

/** Text made of RESP's own pieces (markers, CRLF, digits, quotes, a few commands): the inputs most
 * likely to reach a parser's edge cases, unlike uniformly random bytes. */
export const protocolLikeText = fc
  .array(
    fc.constantFrom(
      '*',
      '$',
      '\r',
      '\n',
      '\r\n',
      '-',
      '0',
      '1',
      '2',
      '3',
      '9',
      'PING',
      'ECHO',
      ' ',
      '"',
      "'",
      '\\',
      'x',
      '\x00',
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));
