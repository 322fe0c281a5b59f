// Notes for an instructor running this lab with a room (shown on the lab's site page, behind a spoiler
// warning). Timings are the figures this lab's README records; wrong turns follow the objectives' hints.
import type { InstructorNotesInput } from '@storylabs/lab-kit/manifest';

export const instructor: InstructorNotesInput = {
  timings: [
    {
      what: 'warm start (`pnpm lab nat-routing`, images built)',
      figure: 'median 24.9 s (11.9, 24.9 and 31.4 s)',
      source:
        '`pnpm --filter @storylabs/lab-nat-routing bench 3`, README "Tests and figures", 2026-12-01, 2 shared cores at load average 35-44',
    },
    {
      what: '`pnpm lab check nat-routing` on a solved instance',
      figure: 'median 34.1 s (27.7, 34.1 and 55.3 s)',
      source: 'same run; most of it is about 14 `docker exec` round trips in sequence',
    },
    {
      what: 'failover to nat-b once nat-a stops, with the reference solution',
      figure: '1.0, 1.5 and 2.1 s; back through nat-a 0.4-1.5 s after it is ready again',
      source: 'same run, read from timestamps taken inside the nodes',
    },
  ],
  wrongTurns: [
    {
      objective: 'reach-through-nat-a',
      text: 'Turning on forwarding and stopping there: the FORWARD chain still drops, or the packets leave with their private source address and no answer finds its way back.',
    },
    {
      objective: 'internet-sees-nat-a',
      text: 'Making replies work by teaching the internet host a route to the private network, instead of rewriting the source address on the way out.',
    },
    {
      objective: 'no-inbound-connections',
      text: 'Treating NAT as a firewall: a router that forwards everything also forwards connections opened from outside.',
    },
    {
      objective: 'failover',
      text: 'Fixing the nodes by hand when nat-a stops, or forgetting that nat-a comes back from a reboot with none of the rules typed into it.',
    },
    {
      objective: 'bytes-through-nat',
      text: 'Reading counters that were never zeroed, or counting only one direction of the download.',
    },
    {
      objective: 'cost-gcp-cloud-nat',
      text: 'Pricing 100 TB as 100,000 GiB: the bill is in binary gibibytes, and both directions are processed.',
    },
  ],
  debrief: [
    'Which hop did you look at first when nothing got through, and what told you where packets stopped?',
    'What does a managed NAT gateway do that your two VMs still do not? What would you monitor on them?',
    'Your failover took a few seconds: what happens to a connection that was open when nat-a stopped?',
    'Which line dominates each of the four bills, and at what traffic would the answer change?',
    'Where else have you seen "private addresses leaking" fixed with a route instead of a rewrite?',
  ],
};
