// Notes for an instructor running this lab with a room (shown on the lab's site page, behind a spoiler
// warning). Wrong turns follow the stages' hints; the timing is one of the lab's self-tests.
import type { InstructorNotesInput } from '@storylabs/lab-kit/manifest';

export const instructor: InstructorNotesInput = {
  timings: [
    {
      what: 'every stage against the reference solution, each compared with real Redis (what a check of a finished server runs)',
      figure: '38.4 s',
      source:
        'self-test "the reference solution passes every stage", `npx vitest run labs/toy-redis/test/stages-reference.docker.test.ts`, 2026-12-02, 2 shared cores at load average 15-20',
    },
  ],
  wrongTurns: [
    {
      objective: 'bind',
      text: 'A wrapper script that starts the server without handing it its arguments, so it never learns the port the tester chose.',
    },
    {
      objective: 'ping-inline',
      text: 'Answering PONG to every read: it passes the first stage and fails as soon as a command carries an argument.',
    },
    {
      objective: 'echo',
      text: 'Splitting requests on line breaks and measuring strings in characters: bulk strings are read by their byte length and may contain line breaks.',
    },
    {
      objective: 'incr-decr',
      text: 'Plain JavaScript numbers for counters: they lose precision long before the 64-bit limits Redis keeps.',
    },
    {
      objective: 'expiry',
      text: 'Storing a time-to-live instead of a deadline, or changing the key before every option of SET has been validated.',
    },
    {
      objective: 'transactions',
      text: 'Keeping the MULTI state in the shared store rather than per connection, or awaiting between queued commands so another client runs in the middle.',
    },
    {
      objective: 'pipelining',
      text: 'Assuming one read is one command: a chunk can hold several, or stop in the middle of one.',
    },
    {
      objective: 'persistence',
      text: 'Replaying relative expiries after a restart (the clock starts again), or truncating the log on start.',
    },
  ],
  debrief: [
    'Which stage forced the biggest rewrite of your parser, and what would you have designed differently from the start?',
    'Where does your server keep state per connection, and where is it shared? What broke when the two were mixed?',
    'Your log is written before each reply: what does a crash between the write and the reply cost, and what does fsync once a second cost?',
    'How did you make sure no other client ran in the middle of a transaction in a single-threaded server?',
    'What would you measure first if your server were half as fast as Redis on the same benchmark?',
  ],
};
