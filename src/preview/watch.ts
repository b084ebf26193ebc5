/**
 * Watching the sources of a preview: the data file, and every file under templates/ and
 * locales/. Built on node:fs.watch of *directories* (never of single files): editors that
 * save atomically (write a temporary file, then rename it over the original) replace the
 * file's inode, which silently ends a watch on the file itself but shows up in its folder
 * as a `rename` event carrying the file's name.
 *
 * Events are debounced: a save is often several events (truncate, write, rename, a backup
 * file), and a burst of them — or a `git checkout` touching many templates — becomes one
 * change, reported `debounceMs` after the last event (but never later than `maxWaitMs`
 * after the first one).
 */
import { watch, statSync, readdirSync, type FSWatcher } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';

export interface SourceChange {
  /** The data file was written, replaced, created or deleted. */
  data: boolean;
  /** A template, outline, jurisdiction module or locale file changed: the library must be reloaded. */
  library: boolean;
  /** Only a stylesheet changed: pages stay as they are, browsers reload them. */
  assets: boolean;
  /** The files that changed (absolute paths; a folder when the platform names no file), sorted. */
  files: string[];
  /** performance.now() of the first event of this change. */
  since: number;
}

export interface WatchOptions {
  /** The data file (made absolute). */
  dataFile: string;
  /** Other files beside it whose changes count as changes of the data (e.g. its release ledger). */
  companions?: readonly string[];
  /** Folders whose files make up the library, watched with their sub-folders (root/templates, root/locales). */
  libraryDirs: readonly string[];
  /** Quiet time after the last event before reporting (default 30 ms). */
  debounceMs?: number;
  /** Longest wait after the first event of a burst (default 300 ms). */
  maxWaitMs?: number;
  onChange: (change: SourceChange) => void;
  /** A folder could not be watched (it will be picked up again if it reappears under a watched folder). */
  onError?: (error: Error) => void;
}

export interface SourceWatcher {
  /** Folders being watched (absolute), for diagnostics and tests. */
  readonly folders: readonly string[];
  close(): void;
}

/** Files of the library by kind; anything else (editor swap and backup files, `.tmp`, `~`) is ignored. */
const LIBRARY_EXTENSIONS = new Set(['.hbs', '.yaml', '.yml', '.json']);
const ASSET_EXTENSIONS = new Set(['.css']);

export function watchSources(options: WatchOptions): SourceWatcher {
  const debounceMs = options.debounceMs ?? 30;
  const maxWaitMs = options.maxWaitMs ?? 300;
  const dataFile = resolve(options.dataFile);
  const dataDir = dirname(dataFile);
  const dataNames = new Set([basename(dataFile), ...(options.companions ?? []).filter((f) => dirname(resolve(f)) === dataDir).map((f) => basename(f))]);
  const libraryRoots = options.libraryDirs.map((d) => resolve(d));
  const watchers = new Map<string, FSWatcher>();
  let closed = false;

  let pending: SourceChange | undefined;
  let timer: NodeJS.Timeout | undefined;

  const flush = (): void => {
    timer = undefined;
    const change = pending;
    pending = undefined;
    if (change && !closed) options.onChange({ ...change, files: [...new Set(change.files)].sort() });
  };

  const note = (kind: 'data' | 'library' | 'assets', file: string): void => {
    if (closed) return;
    const now = performance.now();
    pending ??= { data: false, library: false, assets: false, files: [], since: now };
    pending[kind] = true;
    pending.files.push(file);
    if (timer) clearTimeout(timer);
    const wait = Math.max(0, Math.min(debounceMs, pending.since + maxWaitMs - now));
    timer = setTimeout(flush, wait);
  };

  const unwatch = (dir: string): void => {
    for (const [path, watcher] of watchers) {
      if (path === dir || path.startsWith(`${dir}/`) || path.startsWith(`${dir}\\`)) {
        watcher.close();
        watchers.delete(path);
      }
    }
  };

  const isDirectory = (path: string): boolean => {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  };

  // A library folder and its sub-folders, each with a watcher of its own (fs.watch's
  // `recursive` is not dependable on Linux with Node 20).
  const watchTree = (dir: string): void => {
    if (closed || watchers.has(dir) || !isDirectory(dir)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, { persistent: true }, (_event, name) => {
        if (name === null || name === undefined) {
          note('library', dir);
          return;
        }
        const full = join(dir, String(name));
        const ext = extname(full).toLowerCase();
        if (LIBRARY_EXTENSIONS.has(ext)) note('library', full);
        else if (ASSET_EXTENSIONS.has(ext)) note('assets', full);
        else if (isDirectory(full)) {
          // A new folder (e.g. locales/fr/): its files count from now on.
          if (!watchers.has(full)) {
            watchTree(full);
            note('library', full);
          }
        } else if (watchers.has(full)) {
          // A watched folder disappeared (deleted or renamed away).
          unwatch(full);
          note('library', full);
        }
      });
    } catch (error) {
      options.onError?.(error as Error);
      return;
    }
    watcher.on('error', (error) => {
      // Typically the folder itself was removed; its parent's watcher reports that too.
      unwatch(dir);
      options.onError?.(error);
    });
    watchers.set(dir, watcher);
    for (const entry of safeReaddir(dir)) if (entry.isDirectory()) watchTree(join(dir, entry.name));
  };

  // The data file's folder: only events naming the data file count.
  try {
    const watcher = watch(dataDir, { persistent: true }, (_event, name) => {
      if (name === null || name === undefined) note('data', dataFile);
      else if (dataNames.has(String(name))) note('data', join(dataDir, String(name)));
    });
    watcher.on('error', (error) => options.onError?.(error));
    watchers.set(`data:${dataDir}`, watcher);
  } catch (error) {
    options.onError?.(error as Error);
  }
  for (const dir of libraryRoots) watchTree(dir);

  return {
    get folders() {
      return [...watchers.keys()].map((k) => k.replace(/^data:/, '')).sort();
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      pending = undefined;
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

function safeReaddir(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}
