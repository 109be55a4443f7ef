// A node's kernel ring buffer, as far as conntrack writes to it: "table full, dropping packet",
// printed with net_warn_ratelimited() from __nf_conntrack_alloc. The prefix is doubled because
// nf_conntrack_core.c's pr_fmt adds the module name ("nf_conntrack: ") to a message that already
// starts with it; operators' logs show it so ("kernel: nf_conntrack: nf_conntrack: table full,
// dropping packet"). net_ratelimit() lets net.core.message_burst (10) messages through per
// net.core.message_cost (5 s); when a new interval begins after suppressed ones, ___ratelimit
// prints "net_ratelimit: N callbacks suppressed" first. Both lines are KERN_WARNING.

export const TABLE_FULL_MESSAGE = 'nf_conntrack: nf_conntrack: table full, dropping packet';
/** net.core.message_cost, in ms, and net.core.message_burst. */
export const NET_RATELIMIT_INTERVAL_MS = 5_000;
export const NET_RATELIMIT_BURST = 10;
/** Lines kept, oldest dropped first, as a ring buffer does (the real one holds bytes, not lines). */
export const MAX_KERNEL_LOG_LINES = 2_000;

export interface KernelLogLine {
  atMs: number;
  text: string;
}

export interface KernelLogState {
  lines: KernelLogLine[];
  /** net_ratelimit's state: when its interval began, messages let through in it, and suppressed. */
  begunMs: number;
  printed: number;
  missed: number;
}

export function emptyKernelLog(): KernelLogState {
  return { lines: [], begunMs: -Infinity, printed: 0, missed: 0 };
}

/**
 * `times` packets dropped at `atMs` (spread over the next `spreadMs`, as a burst of a second's
 * drops is): the lines net_ratelimit lets through, in order.
 */
export function logTableFull(log: KernelLogState, atMs: number, times: number, spreadMs = 0): void {
  for (let i = 0; i < times; i++) {
    const at = atMs + (times > 1 ? Math.floor((i * spreadMs) / times) : 0);
    if (at >= log.begunMs + NET_RATELIMIT_INTERVAL_MS) {
      if (log.missed > 0) push(log, at, `net_ratelimit: ${log.missed} callbacks suppressed`);
      log.begunMs = at;
      log.printed = 0;
      log.missed = 0;
    }
    if (log.printed < NET_RATELIMIT_BURST) {
      log.printed++;
      push(log, at, TABLE_FULL_MESSAGE);
      continue;
    }
    // The rest of this interval is suppressed: count them without walking each one.
    const rest = times - i;
    const windowEnd = log.begunMs + NET_RATELIMIT_INTERVAL_MS;
    const lastAt = atMs + (times > 1 ? Math.floor(((times - 1) * spreadMs) / times) : 0);
    if (lastAt < windowEnd) {
      log.missed += rest;
      return;
    }
    log.missed++;
  }
}

function push(log: KernelLogState, atMs: number, text: string): void {
  log.lines.push({ atMs, text });
  if (log.lines.length > MAX_KERNEL_LOG_LINES) log.lines.splice(0, log.lines.length - MAX_KERNEL_LOG_LINES);
}
