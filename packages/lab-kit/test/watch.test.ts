// Restart-on-save must keep working whatever way an editor saves: rename-saves (sed -i, vim, IDEs write a
// new file and rename it over the old one), in-place writes, new files (also in new directories) and
// deletions. Node's recursive fs.watch stops reporting a file after its first rename-save on Linux.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostProcessSupervisor, isEditorOrToolFile } from '../src/processes.ts';
import { type TreeChange, type TreeWatcher, watchTree } from '../src/watch.ts';

/** Waits (generously: the machine may be busy) until `ready` holds, else fails saying what was seen. */
async function until(ready: () => boolean, what: () => string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting; seen: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** An editor's rename-save: write a temporary file next to the target, then rename it over the target. */
function renameSave(file: string, content: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.hrtime.bigint()}`);
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

let root: string;
let watcher: TreeWatcher | undefined;
let seen: TreeChange[];

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'storylabs-watch-'));
  mkdirSync(path.join(root, 'src'));
  writeFileSync(path.join(root, 'server.ts'), 'one\n');
  writeFileSync(path.join(root, 'src', 'parser.ts'), 'one\n');
  seen = [];
});

afterEach(() => {
  watcher?.close();
  rmSync(root, { recursive: true, force: true });
});

const seenText = () => JSON.stringify(seen);
const count = (file: string, kind: TreeChange['kind']) =>
  seen.filter((change) => change.path === file && change.kind === kind).length;

for (const mode of [
  { name: 'with file-system events', events: true, pollIntervalMs: 60_000 },
  { name: 'by polling alone', events: false, pollIntervalMs: 100 },
]) {
  describe(`watchTree ${mode.name}`, () => {
    beforeEach(() => {
      watcher = watchTree(root, {
        events: mode.events,
        pollIntervalMs: mode.pollIntervalMs,
        ignore: isEditorOrToolFile,
        onChange: (changes) => seen.push(...changes),
      });
    });

    it('reports every rename-save of the same file, not only the first', async () => {
      for (const [i, file] of [
        'server.ts',
        'server.ts',
        'server.ts',
        'src/parser.ts',
        'src/parser.ts',
      ].entries()) {
        const before = count(file, 'changed');
        renameSave(path.join(root, file), `save ${i}\n`);
        await until(() => count(file, 'changed') > before, seenText);
      }
      expect(count('server.ts', 'changed')).toBeGreaterThanOrEqual(3);
      expect(count('src/parser.ts', 'changed')).toBeGreaterThanOrEqual(2);
    });

    it('reports saves by sed -i, the rename-save of the issue', async () => {
      for (const i of [1, 2, 3]) {
        const before = count('server.ts', 'changed');
        const sed = spawnSync('sed', ['-i', `s/.*/sed ${i}/`, path.join(root, 'server.ts')]);
        expect(sed.status).toBe(0);
        await until(() => count('server.ts', 'changed') > before, seenText);
      }
    });

    it('reports in-place writes and appends after a rename-save', async () => {
      renameSave(path.join(root, 'server.ts'), 'renamed\n');
      await until(() => count('server.ts', 'changed') === 1, seenText);
      writeFileSync(path.join(root, 'server.ts'), 'written in place, longer\n');
      await until(() => count('server.ts', 'changed') === 2, seenText);
      appendFileSync(path.join(root, 'server.ts'), 'appended\n');
      await until(() => count('server.ts', 'changed') === 3, seenText);
    });

    it('reports new files, also in new directories, and later changes to them', async () => {
      writeFileSync(path.join(root, 'new.ts'), 'new\n');
      await until(() => count('new.ts', 'added') === 1, seenText);
      mkdirSync(path.join(root, 'lib', 'deep'), { recursive: true });
      writeFileSync(path.join(root, 'lib', 'deep', 'store.ts'), 'new\n');
      await until(() => count('lib/deep/store.ts', 'added') === 1, seenText);
      renameSave(path.join(root, 'lib', 'deep', 'store.ts'), 'saved\n');
      await until(() => count('lib/deep/store.ts', 'changed') === 1, seenText);
    });

    it('reports deleted files and files of a deleted directory', async () => {
      rmSync(path.join(root, 'server.ts'));
      await until(() => count('server.ts', 'removed') === 1, seenText);
      rmSync(path.join(root, 'src'), { recursive: true });
      await until(() => count('src/parser.ts', 'removed') === 1, seenText);
    });

    it('ignores dependencies, VCS data and editor swap files', async () => {
      mkdirSync(path.join(root, 'node_modules', 'x'), { recursive: true });
      writeFileSync(path.join(root, 'node_modules', 'x', 'index.js'), 'x\n');
      mkdirSync(path.join(root, '.git'));
      writeFileSync(path.join(root, '.git', 'index'), 'x\n');
      writeFileSync(path.join(root, '.server.ts.swp'), 'x\n');
      writeFileSync(path.join(root, 'server.ts~'), 'x\n');
      // A change after the ignored ones: once it is seen, the ignored ones would have been seen too.
      writeFileSync(path.join(root, 'marker.ts'), 'x\n');
      await until(() => count('marker.ts', 'added') === 1, seenText);
      expect(seen.map((change) => change.path)).toEqual(['marker.ts']);
    });
  });
}

describe('HostProcessSupervisor restart-on-save', () => {
  it('restarts on every save: rename-saves, in-place writes, new and deleted files', async () => {
    process.env.XDG_STATE_HOME = mkdtempSync(path.join(os.tmpdir(), 'storylabs-watch-state-'));
    const restarts: string[] = [];
    const starts: number[] = [];
    const supervisor = new HostProcessSupervisor({
      labId: 'watch-test',
      name: 'server',
      definition: { command: [process.execPath, '-e', 'setInterval(() => {}, 1000)'], watch: true },
      workspace: root,
      port: 0,
      events: {
        started: (pid) => starts.push(pid),
        exited: () => {},
        restarting: (reason) => restarts.push(reason),
        output: () => {},
      },
    });
    supervisor.start();
    try {
      await until(
        () => starts.length === 1,
        () => `${starts.length} starts`,
      );
      const saves: [string, () => void][] = [
        ['server.ts changed', () => renameSave(path.join(root, 'server.ts'), 'first rename-save\n')],
        ['server.ts changed', () => renameSave(path.join(root, 'server.ts'), 'second rename-save\n')],
        [
          'server.ts changed',
          () => writeFileSync(path.join(root, 'server.ts'), 'in place, longer than before\n'),
        ],
        [
          'src/parser.ts changed',
          () => spawnSync('sed', ['-i', 's/.*/sed/', path.join(root, 'src', 'parser.ts')]),
        ],
        ['handlers.ts added', () => writeFileSync(path.join(root, 'handlers.ts'), 'new\n')],
        ['handlers.ts removed', () => rmSync(path.join(root, 'handlers.ts'))],
      ];
      for (const [i, [reason, save]] of saves.entries()) {
        save();
        await until(
          () => restarts.length === i + 1 && starts.length === i + 2,
          () => `restarts ${JSON.stringify(restarts)}, ${starts.length} starts`,
        );
        expect(restarts[i]).toBe(reason);
      }
    } finally {
      await supervisor.stop();
    }
  }, 120_000);
});
