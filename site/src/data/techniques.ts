// The reusable moves the stories teach. A story's <Decision technique="..."> names the ones its decision
// point practises; the technique index (src/pages/techniques.astro) links to each of those points.
export interface Technique {
  id: string;
  title: string;
  summary: string;
}

export const techniques: readonly Technique[] = [
  {
    id: 'measure-the-symptom',
    title: 'Measure the symptom before chasing the suspect',
    summary:
      'A named culprit is a hypothesis. Measure what users experience first, where they experience it.',
  },
  {
    id: 'shape-not-just-tail',
    title: 'Look at the shape of the distribution, not only its tail',
    summary:
      'Two humps, a long tail and a shifted median point at different causes; a single percentile hides which.',
  },
  {
    id: 'waiting-vs-working',
    title: 'Time waiting separately from working',
    summary: 'A slow step that does little work is waiting for something: a pool, a lock, a queue, a budget.',
  },
  {
    id: 'what-changes-without-deploys',
    title: 'Ask what changes when nobody deploys',
    summary: 'Data grows, jobs run on schedules, credits and quotas drain, certificates expire.',
  },
  {
    id: 'bill-line-items',
    title: 'Break the bill into line items',
    summary:
      'Group cost by SKU before optimising; one line usually dominates, and it is often not the expected one.',
  },
  {
    id: 'question-fixed-inputs',
    title: 'Question the inputs you treat as fixed',
    summary:
      'Cost is quantity times unit price; when tuning the quantity is not enough, the price has levers too.',
  },
  {
    id: 'prove-the-path',
    title: 'Prove the path hop by hop before blaming TLS',
    summary: 'Draw the request path, then check each hop from a client you control, in order.',
  },
  {
    id: 'see-what-the-client-sees',
    title: 'Look from the client’s side',
    summary:
      'Reproduce with the client’s own view: its network, its trust store, its distance from the server.',
  },
  {
    id: 'requirements-first',
    title: 'Ask for the requirements before designing',
    summary:
      'Who reads the data, how long it is kept, how it is restored and why: the answers pick the design.',
  },
  {
    id: 'shrink-to-a-laptop',
    title: 'Shrink the problem until it runs on a laptop',
    summary:
      'Build against a small fixture with the same shape; production access becomes the last step, not the first.',
  },
  {
    id: 'work-at-the-source',
    title: 'Do the work where the data is produced',
    summary: 'Rewriting terabytes after the fact costs more than writing them right the first time.',
  },
  {
    id: 'read-the-fine-print',
    title: 'Read the managed service’s fine print',
    summary:
      'Minimum durations, retrieval times, promotion behaviour and network reachability decide whether it fits.',
  },
  {
    id: 'rehearse-the-switch',
    title: 'Write the switch-over down and rehearse it',
    summary: 'An ordered runbook with a way back, tried on staging, turns a risky moment into a routine one.',
  },
  {
    id: 'diff-against-a-reference',
    title: 'Diff your output against a reference',
    summary:
      'Send the same input to the real thing and compare byte for byte; the first difference names the bug.',
  },
];
