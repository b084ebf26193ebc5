// Child process of scripts/bench.mjs: who used the CPU while the benchmark ran?
//   node scripts/bench/cpu-monitor.mjs <benchPid> [intervalMs]
// Every interval (default 250 ms) it reads /proc/<pid>/stat of every process and adds each
// one's CPU time since the previous scan to "ours" (the benchmark process and everything under
// it: node, Chromium and its renderers, pandoc) or "others" (the rest of the machine). It
// answers each line on stdin with one JSON line of the running totals (seconds).
//
// Why not getrusage/cutime? Chromium's renderers are not waited for by their parent, so their
// CPU never reaches the benchmark's child-time counters; a busy section would look like noise.
// Limits: a process's last < interval before it exits, and processes that start and exit
// between two scans, are missed; the machine-wide busy time (from /proc/stat) is reported too,
// so the unattributed rest is visible.
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const root = Number(process.argv[2]);
const intervalMs = Number(process.argv[3] ?? 250);
const TICK = 100; // USER_HZ

const last = new Map(); // pid → CPU ticks at the previous scan
const totals = { ours: 0, others: 0, monitor: 0 };
let firstScan = true;

function machineBusy() {
  const [user, nice, system, , , irq = 0, softirq = 0, steal = 0] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return user + nice + system + irq + softirq + steal;
}
const busyAtStart = machineBusy();

function scan() {
  const info = new Map(); // pid → { ppid, ticks }
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      info.set(Number(name), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // exited meanwhile
    }
  }
  const ours = new Map();
  const isOurs = (pid) => {
    if (ours.has(pid)) return ours.get(pid);
    let p = pid;
    const seen = [];
    let result = false;
    for (let hops = 0; hops < 64 && p > 1; hops++) {
      if (p === root) {
        result = true;
        break;
      }
      seen.push(p);
      p = info.get(p)?.ppid ?? 0;
    }
    for (const s of seen) ours.set(s, result);
    return result;
  };
  for (const [pid, { ticks }] of info) {
    const before = last.get(pid) ?? (firstScan ? ticks : 0);
    const delta = Math.max(0, ticks - before);
    last.set(pid, ticks);
    if (firstScan || !delta) continue;
    if (pid === process.pid) totals.monitor += delta;
    else if (isOurs(pid)) totals.ours += delta;
    else totals.others += delta;
  }
  for (const pid of last.keys()) if (!info.has(pid)) last.delete(pid);
  firstScan = false;
}

scan();
const timer = setInterval(scan, intervalMs);
const rl = createInterface({ input: process.stdin });
rl.on('line', () => {
  scan();
  process.stdout.write(
    `${JSON.stringify({
      oursS: totals.ours / TICK,
      othersS: totals.others / TICK,
      monitorS: totals.monitor / TICK,
      machineBusyS: (machineBusy() - busyAtStart) / TICK,
      at: performance.now(),
    })}\n`,
  );
});
rl.on('close', () => {
  clearInterval(timer);
  process.exit(0);
});
