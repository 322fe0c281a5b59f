// Notes for an instructor running this lab with a room (shown on the lab's site page, behind a spoiler
// warning). Timings are the figures this lab's README records; wrong turns follow the objectives' hints.
import type { InstructorNotesInput } from '@storylabs/lab-kit/manifest';

export const instructor: InstructorNotesInput = {
  timings: [
    {
      what: 'start (`pnpm lab vm-cost-sizing`, image built), including the import and merge of two hours of history',
      figure: '291.6 s',
      source:
        '`node labs/vm-cost-sizing/scripts/timings.ts --rounds 1`, README, 2026-12-01, 2 shared cores at load average 50; nearly all of it is the history import, which gets a sliver of a core at that load',
    },
    {
      what: '`pnpm lab check vm-cost-sizing` before and after the move',
      figure: '0.6 s before (no answers recorded), 20.3 s after',
      source: 'same run',
    },
    {
      what: 'the reference solution (dual writes, backfill, switch of reads, retirement of region-a)',
      figure: '124.2 s',
      source: 'same run',
    },
    {
      what: 'self-tests, two instances one after the other',
      figure: '340 s',
      source: '`npx vitest run --project vm-cost-sizing`, README, same machine and day',
    },
  ],
  wrongTurns: [
    {
      objective: 'ingestion-rate',
      text: 'Counting every inserted row: the imported history shows up in the same counter under another protocol label and inflates the rate.',
    },
    {
      objective: 'bytes-per-sample',
      text: 'Dividing the whole data directory by the rows, index included, or reading it before the parts have merged.',
    },
    {
      objective: 'cost-eu-west-1',
      text: 'Adding transfer to the eu-west-1 bill although the workloads run in the same region.',
    },
    {
      objective: 'history-transfer',
      text: 'Mixing decimal terabytes from the story with the per-GiB rate AWS bills in.',
    },
    {
      objective: 'no-gap',
      text: 'Starting dual writes and calling the move done: dual writes only carry samples from the moment they begin.',
    },
    {
      objective: 'backfill',
      text: 'Copying with a series filter that misses a metric name, so region-b holds less history than region-a had.',
    },
    {
      objective: 'reads-never-failed',
      text: 'Switching reads before the backfill, or with a restart of vmauth instead of a reload: the prober keeps every failed or short read, and only a reset clears it.',
    },
  ],
  debrief: [
    "Which of your Part 1 figures would you trust to size the story's 30 M-series cluster, and which would you measure again at that scale?",
    'Where does the region change the monthly bill, and where does it not?',
    'What did dual writing buy you, and what did it not cover?',
    'How would you know, in production, that no read failed during the switch?',
    "The story's history is 35 TB: how long would its copy run, and what must keep working meanwhile?",
  ],
};
