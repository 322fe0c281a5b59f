// The board page: state from server-sent events (a snapshot on connect, then one row at a time),
// drawn with DOM text nodes only, so a display name is always shown as text, never run as markup.
const warnAfterMs = 10 * 60_000;
const alertAfterMs = 20 * 60_000;
const symbols = { pass: '✓', fail: '✗', 'needs-answer': '?', 'not-run': '·' };
const words = { pass: 'passed', fail: 'failed', 'needs-answer': 'needs an answer', 'not-run': 'not run yet' };

const participants = new Map();
const rows = new Map();
let clockOffset = 0;

const projector = new URLSearchParams(location.search).get('view') === 'projector';
document.body.classList.toggle('projector', projector);
const toggle = document.getElementById('view-toggle');
toggle.textContent = projector ? 'Normal view' : 'Projector view';
toggle.href = projector ? '?' : '?view=projector';

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes ?? {}))
    if (value !== undefined && value !== null) node.setAttribute(key, String(value));
  for (const child of children)
    if (child !== undefined && child !== null)
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return node;
}

function now() {
  return Date.now() + clockOffset;
}

function duration(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  return `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
}

function rowKey(row) {
  return JSON.stringify([row.name, row.lab, row.instance]);
}

function learnerLabel(row) {
  return row.instance === 'default' ? row.name : `${row.name} · ${row.instance}`;
}

/** Where a row is stuck: the first objective not passed, since when it has been the one to solve. */
function stuckOn(row) {
  let previousPassedAt = row.firstReport;
  for (const objective of row.objectives) {
    if (objective.status !== 'pass') {
      const since = Math.max(objective.unsolvedSince ?? row.firstReport, previousPassedAt ?? 0);
      return { objective, since };
    }
    previousPassedAt = objective.passedAt;
  }
  return undefined;
}

function setConnection(state, text) {
  const node = document.getElementById('connection');
  node.dataset.state = state;
  node.textContent = text;
}

function render() {
  const time = now();
  const all = [...rows.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.instance.localeCompare(b.instance),
  );
  const labs = [...new Set(all.map((row) => row.lab))].sort();
  const done = all.filter((row) => !stuckOn(row)).length;
  document.getElementById('summary').textContent =
    `${participants.size} learner${participants.size === 1 ? '' : 's'} · ${all.length} lab run${all.length === 1 ? '' : 's'} · ${done} finished`;

  // Stuck longest: every unfinished row, longest first.
  const stuck = all
    .map((row) => ({ row, at: stuckOn(row) }))
    .filter((entry) => entry.at)
    .sort((a, b) => a.at.since - b.at.since)
    .slice(0, projector ? 8 : 15);
  document
    .getElementById('stuck-list')
    .replaceChildren(
      ...stuck.map(({ row, at }) =>
        el(
          'li',
          { 'data-learner': row.name },
          el('span', { class: 'who' }, learnerLabel(row)),
          ` · ${row.lab}: ${at.objective.title} · `,
          el('span', { class: 'for' }, duration(time - at.since)),
          at.objective.reason ? el('span', { class: 'why' }, ` · ${at.objective.reason}`) : null,
        ),
      ),
    );
  document.getElementById('stuck-empty').hidden = stuck.length > 0;

  document.getElementById('labs').replaceChildren(...labs.map((lab) => labTable(lab, all, time)));

  const waiting = [...participants.values()]
    .filter((p) => !all.some((row) => row.name === p.name))
    .sort((a, b) => a.name.localeCompare(b.name));
  document
    .getElementById('waiting-list')
    .replaceChildren(...waiting.map((p) => el('li', { 'data-learner': p.name }, p.name)));
  document.getElementById('waiting').hidden = waiting.length === 0;
  document.getElementById('empty').hidden = participants.size > 0 || all.length > 0;
}

function labTable(lab, all, time) {
  const labRows = all.filter((row) => row.lab === lab);
  // Columns: every objective any learner reported for this lab, in the order reports list them.
  const columns = new Map();
  for (const row of labRows)
    row.objectives.forEach((objective, index) => {
      const known = columns.get(objective.id);
      if (!known || index < known.index) columns.set(objective.id, { index, title: objective.title });
    });
  const objectiveIds = [...columns.entries()].sort((a, b) => a[1].index - b[1].index).map(([id]) => id);
  const head = el(
    'tr',
    null,
    el('th', { scope: 'col' }, 'Learner'),
    ...objectiveIds.map((id) =>
      el('th', { scope: 'col', class: 'objective', title: id }, columns.get(id).title),
    ),
    el('th', { scope: 'col' }, 'Stuck on'),
    el('th', { scope: 'col' }, 'For'),
    el('th', { scope: 'col', class: 'reason' }, 'Last failure'),
    el('th', { scope: 'col' }, 'Last check'),
  );
  const body = labRows.map((row) => {
    const at = stuckOn(row);
    const stuckFor = at ? time - at.since : 0;
    const byId = new Map(row.objectives.map((objective) => [objective.id, objective]));
    const tr = el(
      'tr',
      {
        'data-learner': row.name,
        'data-instance': row.instance,
        class: !at
          ? 'done'
          : stuckFor >= alertAfterMs
            ? 'alert'
            : stuckFor >= warnAfterMs
              ? 'warn'
              : undefined,
      },
      el('td', { class: 'learner' }, learnerLabel(row)),
      ...objectiveIds.map((id) => {
        const objective = byId.get(id);
        if (!objective) return el('td', { class: 'cell' }, '');
        const word = words[objective.status] ?? objective.status;
        return el(
          'td',
          {
            class: 'cell',
            'data-objective': id,
            'data-status': objective.status,
            title: objective.reason ? `${word}: ${objective.reason}` : word,
          },
          symbols[objective.status] ?? '!',
          el('span', { class: 'sr-only' }, ` ${word}`),
        );
      }),
      el('td', null, at ? at.objective.title : 'finished'),
      el('td', { class: 'time for' }, at ? duration(stuckFor) : ''),
      el('td', { class: 'reason' }, at?.objective.reason ?? ''),
      el('td', { class: 'time' }, `${duration(time - row.lastReport)} ago`),
    );
    return tr;
  });
  return el(
    'section',
    { class: 'lab', 'data-lab': lab },
    el('h2', null, lab),
    el(
      'div',
      { class: 'table-wrap' },
      el('table', null, el('thead', null, head), el('tbody', null, ...body)),
    ),
  );
}

function connect() {
  const events = new EventSource('events');
  events.addEventListener('open', () => setConnection('live', 'Live'));
  events.addEventListener('snapshot', (event) => {
    const state = JSON.parse(event.data);
    clockOffset = state.serverTime - Date.now();
    participants.clear();
    rows.clear();
    for (const participant of state.participants) participants.set(participant.name, participant);
    for (const row of state.rows) rows.set(rowKey(row), row);
    setConnection('live', 'Live');
    render();
  });
  events.addEventListener('row', (event) => {
    const { row, participant, serverTime } = JSON.parse(event.data);
    clockOffset = serverTime - Date.now();
    rows.set(rowKey(row), row);
    participants.set(participant.name, participant);
    render();
  });
  events.addEventListener('participant', (event) => {
    const { participant, serverTime } = JSON.parse(event.data);
    clockOffset = serverTime - Date.now();
    participants.set(participant.name, participant);
    render();
  });
  events.addEventListener('error', () => {
    setConnection('reconnecting', 'Reconnecting…');
    // The browser retries by itself unless the server refused the stream; then retry here.
    if (events.readyState === EventSource.CLOSED) {
      events.close();
      setTimeout(connect, 3000);
    }
  });
}

render();
connect();
setInterval(render, 5000);
