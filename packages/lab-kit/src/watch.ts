import { type Dirent, type FSWatcher, lstatSync, readdirSync, watch } from 'node:fs';
import path from 'node:path';

/** One difference between two scans of a watched tree; `path` is relative to the root, with `/`. */
export interface TreeChange {
  path: string;
  kind: 'added' | 'changed' | 'removed';
}

export interface TreeWatchOptions {
  /** Called with every difference found by a scan (never with an empty list). */
  onChange(changes: TreeChange[]): void;
  /** Leaves a file or directory (and everything under it) out; gets the root-relative path with `/`. */
  ignore?: (relativePath: string) => boolean;
  /** A full scan at least this often, whatever the file system reports (default 1000 ms). */
  pollIntervalMs?: number;
  /** Scan soon after the file system reports something (default true); false polls only. */
  events?: boolean;
}

export interface TreeWatcher {
  close(): void;
}

/** What identifies a version of a file: a rename-save gives a new inode, an in-place write a new mtime/size. */
type Snapshot = Map<string, string>;

/**
 * Watches every file under `root` and reports what was added, changed or removed, by comparing scans.
 *
 * Node's recursive `fs.watch` on Linux stops reporting a file after an editor saves it by writing a new
 * file and renaming it over the old one (`sed -i`, vim, many IDEs): it follows the old inode. Here each
 * directory has its own non-recursive watch (a directory's watch sees renames into it), and events only
 * trigger a scan; the scan decides what changed. A periodic scan catches whatever the events miss
 * (new directories before their watch exists, file systems without inotify, a full inotify table).
 */
export function watchTree(root: string, options: TreeWatchOptions): TreeWatcher {
  const ignore = options.ignore ?? (() => false);
  const useEvents = options.events ?? true;
  const directoryWatchers = new Map<string, FSWatcher>();
  let closed = false;
  let scanTimer: NodeJS.Timeout | undefined;

  const scan = (): { files: Snapshot; directories: string[] } => {
    const files: Snapshot = new Map();
    const directories: string[] = [];
    const visit = (relative: string) => {
      const absolute = relative ? path.join(root, relative) : root;
      let entries: Dirent[];
      try {
        entries = readdirSync(absolute, { withFileTypes: true });
      } catch {
        return; // removed while scanning, or unreadable: the next scan sees the outcome
      }
      directories.push(relative);
      for (const entry of entries) {
        const child = relative ? `${relative}/${entry.name}` : entry.name;
        if (ignore(child)) continue;
        if (entry.isDirectory()) {
          visit(child);
          continue;
        }
        try {
          const stat = lstatSync(path.join(root, child));
          files.set(child, `${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`);
        } catch {
          // removed between readdir and lstat
        }
      }
    };
    visit('');
    return { files, directories };
  };

  const syncDirectoryWatchers = (directories: string[]) => {
    if (!useEvents) return;
    const wanted = new Set(directories);
    for (const [directory, watcher] of directoryWatchers) {
      if (!wanted.has(directory)) {
        watcher.close();
        directoryWatchers.delete(directory);
      }
    }
    for (const directory of wanted) {
      if (directoryWatchers.has(directory)) continue;
      try {
        const watcher = watch(path.join(root, directory), () => scheduleScan(50));
        watcher.on('error', () => {
          watcher.close();
          directoryWatchers.delete(directory);
          scheduleScan(50);
        });
        watcher.unref();
        directoryWatchers.set(directory, watcher);
      } catch {
        // no watch for this directory (removed meanwhile, or no inotify watches left): polling covers it
      }
    }
  };

  let { files: previous, directories } = scan();
  syncDirectoryWatchers(directories);

  const rescan = () => {
    scanTimer = undefined;
    if (closed) return;
    const current = scan();
    syncDirectoryWatchers(current.directories);
    const changes: TreeChange[] = [];
    for (const [file, version] of current.files) {
      const before = previous.get(file);
      if (before === undefined) changes.push({ path: file, kind: 'added' });
      else if (before !== version) changes.push({ path: file, kind: 'changed' });
    }
    for (const file of previous.keys()) {
      if (!current.files.has(file)) changes.push({ path: file, kind: 'removed' });
    }
    previous = current.files;
    if (changes.length > 0) options.onChange(changes);
  };

  function scheduleScan(delayMs: number) {
    if (closed || scanTimer) return;
    scanTimer = setTimeout(rescan, delayMs);
    scanTimer.unref();
  }

  const poll = setInterval(() => scheduleScan(0), options.pollIntervalMs ?? 1000);
  poll.unref();

  return {
    close() {
      closed = true;
      clearInterval(poll);
      clearTimeout(scanTimer);
      for (const watcher of directoryWatchers.values()) watcher.close();
      directoryWatchers.clear();
    },
  };
}
