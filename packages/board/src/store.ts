// The board's state in one SQLite file (node:sqlite, no native dependency). WAL journal with
// synchronous=FULL: a report the server has answered 200 is in the file, and survives kill -9 of the
// process (and a power cut). The file is opened in exclusive locking mode, so a second board on the
// same file fails at start instead of both writing to it.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Report } from './validate.ts';

export interface ObjectiveState {
  id: string;
  title: string;
  status: string;
  reason: string | null;
  /** Since when (ms since the epoch) the objective has been not passing without a break; null while it passes. */
  unsolvedSince: number | null;
  /** When it last turned to pass; null when it does not pass. */
  passedAt: number | null;
}

/** One learner's instance of one lab: a row of the board. */
export interface RowState {
  name: string;
  lab: string;
  instance: string;
  firstReport: number;
  lastReport: number;
  reports: number;
  objectives: ObjectiveState[];
}

export interface ParticipantState {
  name: string;
  joinedAt: number;
  lastSeen: number;
}

export interface BoardState {
  /** The server's clock when the state was read (ms since the epoch), so a page can correct its own. */
  serverTime: number;
  participants: ParticipantState[];
  rows: RowState[];
}

const schema = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS participants (
  name TEXT PRIMARY KEY, joined_at INTEGER NOT NULL, last_seen INTEGER NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS reports (
  id INTEGER PRIMARY KEY AUTOINCREMENT, received_at INTEGER NOT NULL,
  name TEXT NOT NULL, lab TEXT NOT NULL, instance TEXT NOT NULL, body TEXT NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS rows (
  name TEXT NOT NULL, lab TEXT NOT NULL, instance TEXT NOT NULL,
  first_report INTEGER NOT NULL, last_report INTEGER NOT NULL, reports INTEGER NOT NULL,
  PRIMARY KEY (name, lab, instance)) STRICT;
CREATE TABLE IF NOT EXISTS objectives (
  name TEXT NOT NULL, lab TEXT NOT NULL, instance TEXT NOT NULL, objective TEXT NOT NULL,
  position INTEGER NOT NULL, title TEXT NOT NULL, status TEXT NOT NULL, reason TEXT,
  unsolved_since INTEGER, passed_at INTEGER,
  PRIMARY KEY (name, lab, instance, objective)) STRICT;
`;

interface ObjectiveRow {
  objective: string;
  title: string;
  status: string;
  reason: string | null;
  unsolved_since: number | null;
  passed_at: number | null;
}

export class BoardStore {
  readonly file: string;
  private readonly db: DatabaseSync;
  private readonly q: ReturnType<typeof prepare>;

  constructor(file: string) {
    this.file = path.resolve(file);
    mkdirSync(path.dirname(this.file), { recursive: true });
    this.db = new DatabaseSync(this.file, { timeout: 0 });
    try {
      this.db.exec('PRAGMA locking_mode = EXCLUSIVE');
      this.db.exec('PRAGMA journal_mode = WAL');
      this.db.exec('PRAGMA synchronous = FULL');
      // Takes the exclusive lock now: a board already running on this file makes this throw.
      this.db.exec('BEGIN IMMEDIATE');
      this.db.exec(schema);
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.close();
      const message = error instanceof Error ? error.message : String(error);
      if (/locked|busy/i.test(message))
        throw new Error(`the board file ${this.file} is in use by another board (${message})`);
      throw new Error(`cannot open the board file ${this.file}: ${message}`);
    }
    this.q = prepare(this.db);
  }

  getMeta(key: string): string | undefined {
    const row = this.q.getMeta.get(key) as { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.q.setMeta.run(key, value);
  }

  hasParticipant(name: string): boolean {
    return this.q.getParticipant.get(name) !== undefined;
  }

  /** Records that a learner joined (or is still there); returns them. */
  join(name: string, now = Date.now()): ParticipantState {
    this.q.touchParticipant.run(name, now, now);
    const row = this.q.getParticipant.get(name) as
      | { name: string; joined_at: number; last_seen: number }
      | undefined;
    return { name, joinedAt: row?.joined_at ?? now, lastSeen: row?.last_seen ?? now };
  }

  /**
   * Stores one check's results in one transaction: the raw report, the learner, and the row's current
   * objectives (the latest report decides which objectives a row has, in its order). Returns the row.
   */
  record(report: Report, now = Date.now()): { id: number; row: RowState; participant: ParticipantState } {
    const { name, lab, instance } = report;
    const s = this.q;
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const participant = this.join(name, now);
      const inserted = s.insertReport.run(now, name, lab, instance, JSON.stringify(report.results));
      s.upsertRow.run(name, lab, instance, now, now);
      const previous = new Map(
        (s.getObjectives.all(name, lab, instance) as unknown as ObjectiveRow[]).map((o) => [o.objective, o]),
      );
      s.deleteObjectives.run(name, lab, instance);
      report.results.forEach((result, position) => {
        const before = previous.get(result.id);
        const passes = result.status === 'pass';
        const passedBefore = before?.status === 'pass';
        const unsolvedSince = passes ? null : passedBefore || !before ? now : (before.unsolved_since ?? now);
        const passedAt = passes ? (passedBefore ? (before?.passed_at ?? now) : now) : null;
        s.insertObjective.run(
          name,
          lab,
          instance,
          result.id,
          position,
          result.title ?? result.id,
          result.status,
          passes ? null : (result.reason ?? null),
          unsolvedSince,
          passedAt,
        );
      });
      this.db.exec('COMMIT');
      return { id: Number(inserted?.lastInsertRowid), row: this.row(name, lab, instance), participant };
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  private row(name: string, lab: string, instance: string): RowState {
    const meta = this.q.getRow.get(name, lab, instance) as {
      first_report: number;
      last_report: number;
      reports: number;
    };
    const objectives = (this.q.getObjectives.all(name, lab, instance) as unknown as ObjectiveRow[]).map(
      toObjective,
    );
    return {
      name,
      lab,
      instance,
      firstReport: meta.first_report,
      lastReport: meta.last_report,
      reports: meta.reports,
      objectives,
    };
  }

  state(now = Date.now()): BoardState {
    const s = this.q;
    const participants = (
      s.allParticipants.all() as unknown as { name: string; joined_at: number; last_seen: number }[]
    ).map((p) => ({ name: p.name, joinedAt: p.joined_at, lastSeen: p.last_seen }));
    const rows = new Map<string, RowState>();
    const key = (name: string, lab: string, instance: string) => JSON.stringify([name, lab, instance]);
    for (const r of s.allRows.all() as unknown as {
      name: string;
      lab: string;
      instance: string;
      first_report: number;
      last_report: number;
      reports: number;
    }[]) {
      rows.set(key(r.name, r.lab, r.instance), {
        name: r.name,
        lab: r.lab,
        instance: r.instance,
        firstReport: r.first_report,
        lastReport: r.last_report,
        reports: r.reports,
        objectives: [],
      });
    }
    for (const o of s.allObjectives.all() as unknown as (ObjectiveRow & {
      name: string;
      lab: string;
      instance: string;
    })[]) {
      rows.get(key(o.name, o.lab, o.instance))?.objectives.push(toObjective(o));
    }
    return { serverTime: now, participants, rows: [...rows.values()] };
  }

  reportCount(): number {
    return Number((this.q.countReports.get() as { n: number }).n);
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}

function prepare(db: DatabaseSync) {
  return {
    getMeta: db.prepare('SELECT value FROM meta WHERE key = ?'),
    setMeta: db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
    touchParticipant: db.prepare(
      `INSERT INTO participants (name, joined_at, last_seen) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET last_seen = excluded.last_seen`,
    ),
    insertReport: db.prepare(
      'INSERT INTO reports (received_at, name, lab, instance, body) VALUES (?, ?, ?, ?, ?)',
    ),
    upsertRow: db.prepare(
      `INSERT INTO rows (name, lab, instance, first_report, last_report, reports) VALUES (?, ?, ?, ?, ?, 1)
       ON CONFLICT (name, lab, instance) DO UPDATE SET last_report = excluded.last_report, reports = reports + 1`,
    ),
    getObjectives: db.prepare(
      `SELECT objective, title, status, reason, unsolved_since, passed_at FROM objectives
       WHERE name = ? AND lab = ? AND instance = ? ORDER BY position`,
    ),
    deleteObjectives: db.prepare('DELETE FROM objectives WHERE name = ? AND lab = ? AND instance = ?'),
    insertObjective: db.prepare(
      `INSERT INTO objectives (name, lab, instance, objective, position, title, status, reason, unsolved_since, passed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    getRow: db.prepare(
      'SELECT first_report, last_report, reports FROM rows WHERE name = ? AND lab = ? AND instance = ?',
    ),
    allRows: db.prepare('SELECT name, lab, instance, first_report, last_report, reports FROM rows'),
    allObjectives: db.prepare(
      `SELECT name, lab, instance, objective, title, status, reason, unsolved_since, passed_at
       FROM objectives ORDER BY name, lab, instance, position`,
    ),
    allParticipants: db.prepare('SELECT name, joined_at, last_seen FROM participants ORDER BY name'),
    getParticipant: db.prepare('SELECT name, joined_at, last_seen FROM participants WHERE name = ?'),
    countReports: db.prepare('SELECT COUNT(*) AS n FROM reports'),
  };
}

function toObjective(o: ObjectiveRow): ObjectiveState {
  return {
    id: o.objective,
    title: o.title,
    status: o.status,
    reason: o.reason,
    unsolvedSince: o.unsolved_since,
    passedAt: o.passed_at,
  };
}
