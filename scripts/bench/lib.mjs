// Helpers for scripts/bench.mjs: statistics, timing child processes, CPU accounting,
// process-tree memory sampling from /proc, and the machine description.
// Plain Node (no dependencies), Linux-specific where it reads /proc (and says so otherwise).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import os from 'node:os';

// --- statistics ------------------------------------------------------------------------

export function median(values) {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** { median, min, max, n, samples } of a list of numbers (ms). */
export function summary(values) {
  const rounded = values.map((v) => Math.round(v * 100) / 100);
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), n: values.length, samples: rounded };
}

export function fmtMs(ms, digits) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '–';
  const d = digits ?? (ms < 10 ? 2 : ms < 100 ? 1 : 0);
  return `${ms.toFixed(d)} ms`;
}

/** `median ms (min–max, n=N)` */
export function fmtSummary(s, digits) {
  if (!s || !s.n) return '–';
  const d = digits ?? (s.median < 10 ? 2 : s.median < 100 ? 1 : 0);
  return `${s.median.toFixed(d)} ms (${s.min.toFixed(d)}–${s.max.toFixed(d)}, n=${s.n})`;
}

export function fmtMB(kb) {
  return kb === null || kb === undefined ? '–' : `${(kb / 1024).toFixed(0)} MB`;
}

// --- CPU accounting: how busy was the machine besides us? -------------------------------

/** Machine-wide busy and total jiffies from /proc/stat. */
function cpuSnapshot() {
  if (!existsSync('/proc/stat')) return null;
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, idle, iowait = 0, irq = 0, softirq = 0, steal = 0] = cpu;
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

/**
 * Start scripts/bench/cpu-monitor.mjs watching this process's tree. `read()` resolves with
 * its running totals; `stop()` ends it. Null where /proc is missing.
 */
export function startCpuMonitor(script) {
  if (!existsSync('/proc/stat')) return null;
  const child = spawn(process.execPath, [script, String(process.pid), '250'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let buffer = '';
  const waiting = [];
  child.stdout.on('data', (d) => {
    buffer += d;
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      waiting.shift()?.(JSON.parse(line));
    }
  });
  return {
    read: () =>
      new Promise((resolve) => {
        waiting.push(resolve);
        child.stdin.write('read\n');
      }),
    stop: () => child.stdin.end(),
  };
}

/**
 * Measure a section: wall time, the CPU our process tree used, and the CPU everyone else used
 * meanwhile (the noise indicator: near 0 % of the cores on a quiet machine).
 */
export async function section(monitor, fn) {
  const load1 = os.loadavg()[0];
  const a = await monitor?.read();
  const value = await fn();
  const b = await monitor?.read();
  if (!a || !b) return { value, cpu: null };
  const cores = os.cpus().length;
  const wallS = (b.at - a.at) / 1000;
  const others = b.othersS - a.othersS;
  const machine = b.machineBusyS - a.machineBusyS;
  const ours = b.oursS - a.oursS;
  return {
    value,
    cpu: {
      wallS: round(wallS, 2),
      oursCpuS: round(ours, 2),
      othersCpuS: round(others, 2),
      monitorCpuS: round(b.monitorS - a.monitorS, 2),
      /** Machine busy time that no scan saw (short-lived processes, a process's last moments). */
      unattributedCpuS: round(Math.max(0, machine - ours - others - (b.monitorS - a.monitorS)), 2),
      /** Share of the machine's cores used by other processes during the section. */
      othersShare: round(others / (cores * wallS), 3),
      loadAvg1AtStart: round(load1, 2),
    },
  };
}

function round(x, d) {
  const p = 10 ** d;
  return Math.round(x * p) / p;
}

// --- running commands --------------------------------------------------------------------

/** Run a command to completion; returns { ms, status, stdout, stderr }. Throws on spawn failure. */
export function timeRun(command, args, options = {}) {
  const t0 = performance.now();
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  const ms = performance.now() - t0;
  if (r.error) throw r.error;
  return { ms, status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** timeRun, failing loudly on a non-zero exit (a benchmark of a failing command is worthless). */
export function timeRunOk(command, args, options = {}) {
  const r = timeRun(command, args, options);
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${r.status ?? r.signal}:\n${(r.stderr || r.stdout || '').slice(-2000)}`);
  }
  return r;
}

export function commandExists(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

// --- memory of a process tree --------------------------------------------------------------

/** Map pid → ppid of every process, from /proc/<pid>/stat. */
function parentMap() {
  const map = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      map.set(Number(name), ppid);
    } catch {
      // the process ended between readdir and read
    }
  }
  return map;
}

function descendants(root) {
  const parents = parentMap();
  const tree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return [...tree];
}

function kbField(text, field) {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}

const PAGE_KB = 4; // x86-64 / arm64 Linux default page size

/** RSS (kB) summed over `pids`, from /proc/<pid>/statm (cheap), how many were alive, and each one's. */
function rssOf(pids) {
  let rss = 0;
  let count = 0;
  const each = new Map();
  for (const pid of pids) {
    try {
      const kb = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_KB;
      rss += kb;
      each.set(pid, kb);
      count++;
    } catch {
      // gone meanwhile
    }
  }
  return { rss, count, each };
}

/** A short name for a process: "node", "chromium browser", "chromium renderer", … */
function processKind(pid) {
  try {
    // Chromium rewrites its command line in place (setproctitle): spaces, not NULs, between arguments.
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
    const exe = basename(argv[0] ?? '?');
    const type = argv.find((a) => a.startsWith('--type='))?.slice(7);
    const sub = argv.find((a) => a.startsWith('--utility-sub-type='))?.slice(19).split('.')[0];
    return exe.includes('chrom') ? `chromium ${type ? (sub ? `${type} (${sub})` : type) : 'browser'}` : exe;
  } catch {
    return '?';
  }
}

/** PSS (kB) summed over `pids`, from /proc/<pid>/smaps_rollup. Costly for Chromium (see runSampled). */
function pssOf(pids) {
  let pss = 0;
  for (const pid of pids) {
    try {
      pss += kbField(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'), 'Pss');
    } catch {
      // gone meanwhile
    }
  }
  return pss;
}

/**
 * Spawn a command and sample its process tree's memory. Every `intervalMs` (100 ms): RSS
 * summed over the tree, from /proc/<pid>/statm. Every `pssEvery`-th sample (5 s), and at most
 * every 3 s while RSS climbs 10 % above the last PSS sample's: PSS from /proc/<pid>/smaps_rollup, the fair measure (shared pages divided among the
 * processes sharing them) — but the kernel walks every mapping for it, ~15–30 ms per Chromium
 * process on a 2-core VM, so sampling it every 100 ms would itself take most of a core. The
 * tree (node + every Chromium process) is re-discovered every 5th sample.
 * Resolves with wall time, exit status, output, samples and the sampler's own CPU time.
 */
export function runSampled(command, args, { intervalMs = 100, pssEvery = 50, ...options } = {}) {
  const canSample = existsSync('/proc/self/smaps_rollup');
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    const samples = [];
    let samplerMs = 0; // time the sampler itself spent reading /proc (it competes for the CPU)
    let tick = 0;
    let pids = [child.pid];
    let lastPss = { t: -Infinity, rss: 0 };
    const perProcess = new Map(); // pid → RSS history summary, to see which process grows
    const sample = () => {
      if (!canSample || child.exitCode !== null) return;
      const s0 = performance.now();
      if (tick % 5 === 0) pids = descendants(child.pid);
      const m = rssOf(pids);
      const entry = { t: Math.round(s0 - t0), rss: m.rss, count: m.count };
      for (const [pid, kb] of m.each) {
        let p = perProcess.get(pid);
        if (!p) perProcess.set(pid, (p = { pid, kind: processKind(pid), firstKB: kb, peakKB: 0, lastKB: 0, firstT: entry.t, lastT: 0 }));
        p.peakKB = Math.max(p.peakKB, kb);
        p.lastKB = kb;
        p.lastT = entry.t;
      }
      // PSS every pssEvery-th sample, and sooner (≥ 3 s apart) when RSS climbs 10 % above the
      // last PSS sample's, so that the PSS peak is taken near the real peak.
      const sinceLast = entry.t - lastPss.t;
      if (sinceLast >= intervalMs * pssEvery || (m.rss > lastPss.rss * 1.1 && sinceLast >= 3000)) {
        entry.pss = pssOf(pids);
        lastPss = { t: entry.t, rss: Math.max(lastPss.rss, m.rss) };
      }
      tick++;
      samplerMs += performance.now() - s0;
      if (m.count) samples.push(entry);
    };
    const timer = setInterval(sample, intervalMs);
    child.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on('close', (status, signal) => {
      clearInterval(timer);
      resolve({ ms: performance.now() - t0, status, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), samples, samplerMs, sampled: canSample, perProcess: [...perProcess.values()].sort((a, b) => b.peakKB - a.peakKB) });
    });
  });
}

/** Peaks over the samples, and the RSS peak within each quarter of the run (is memory flat?). */
export function memoryReport(samples, { intervalMs = 100, pssEvery = 50 } = {}) {
  if (!samples.length) return null;
  const peak = (key) => samples.reduce((m, s) => (s[key] === undefined ? m : Math.max(m, s[key])), 0);
  const end = samples.at(-1).t || 1;
  const quarter = (key) =>
    [0, 1, 2, 3].map((q) => {
      const inQ = samples.filter((s) => s[key] !== undefined && s.t >= (q * end) / 4 && s.t <= ((q + 1) * end) / 4);
      return inQ.length ? Math.max(...inQ.map((s) => s[key])) : null;
    });
  return {
    intervalMs,
    pssIntervalMs: intervalMs * pssEvery,
    samples: samples.length,
    pssSamples: samples.filter((s) => s.pss !== undefined).length,
    peakPssKB: peak('pss'),
    peakRssKB: peak('rss'),
    peakProcesses: peak('count'),
    rssPeakByQuarterKB: quarter('rss'),
    pssPeakByQuarterKB: quarter('pss'),
  };
}

/**
 * Wait (up to `maxWaitMs`) until other processes use less than `threshold` of the machine's
 * CPU over a `windowMs` window. We are idle meanwhile, so the busy share is everyone else's.
 * Returns what it saw; proceeds regardless after the wait.
 */
export async function waitForQuiet({ threshold = 0.15, windowMs = 2000, maxWaitMs = 120_000, onWait } = {}) {
  if (!existsSync('/proc/stat')) return null;
  const started = performance.now();
  let share = 1;
  let announced = false;
  for (;;) {
    const a = cpuSnapshot();
    await new Promise((r) => setTimeout(r, windowMs));
    const b = cpuSnapshot();
    share = (b.busy - a.busy) / (b.total - a.total || 1);
    const waited = performance.now() - started;
    if (share < threshold || waited >= maxWaitMs) return { othersShare: round(share, 3), waitedS: round(waited / 1000, 1), quiet: share < threshold };
    if (!announced) onWait?.(share);
    announced = true;
  }
}

// --- the machine -----------------------------------------------------------------------------

export function machine({ chromiumPath, pandocPath }) {
  const cpus = os.cpus();
  let chromium = null;
  if (chromiumPath) {
    try {
      chromium = execFileSync(chromiumPath, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch (e) {
      chromium = `${chromiumPath} (version unknown: ${e.message.split('\n')[0]})`;
    }
  }
  let pandoc = null;
  if (pandocPath) {
    try {
      pandoc = execFileSync(pandocPath, ['--version'], { encoding: 'utf8' }).split('\n')[0].trim();
    } catch {
      pandoc = `${pandocPath} (version unknown)`;
    }
  }
  let osName = `${os.type()} ${os.release()}`;
  try {
    const rel = readFileSync('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(rel)?.[1];
    if (pretty) osName = `${pretty} (kernel ${os.release()})`;
  } catch {
    // not Linux
  }
  let virt = '';
  try {
    const flags = readFileSync('/proc/cpuinfo', 'utf8');
    if (/\bhypervisor\b/.test(flags)) virt = 'virtual machine';
  } catch {
    // not Linux
  }
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    ramGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: osName,
    virtualised: virt || null,
    node: process.version,
    chromium,
    pandoc,
  };
}
