// The replay's arithmetic, apart from React and xterm so it is tested on its own: how many
// recorded chunks a scrubber position shows, whether moving there can append or must start over,
// where a moment sits on the timeline, and how a time reads.

// What the replay route answers, as the browser sees it: the server's own types (JSON keeps their shape).
export type {
  Replay as ReplayView,
  ReplayCheckEvent as ReplayCheckView,
  ReplayChunk as ReplayChunkView,
  ReplayCommand as ReplayCommandView,
} from '@/app/_server/attempt-replay';

export const PLAYBACK_SPEEDS = [0.5, 1, 2, 4, 8, 16] as const;

/** How many chunks (from the first) were recorded at or before `positionMs`; chunks are in time order. */
export function chunksAt(chunks: readonly { t: number }[], positionMs: number): number {
  let low = 0;
  let high = chunks.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((chunks[middle]?.t ?? Infinity) <= positionMs) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * How to bring a terminal showing `shown` chunks to showing `wanted`: append the difference when
 * moving forward, or clear it and write from the start when moving back (xterm cannot un-write;
 * recordings are capped, so writing them again is cheap).
 */
export function seekPlan(shown: number, wanted: number): { reset: boolean; from: number; to: number } {
  return wanted >= shown ? { reset: false, from: shown, to: wanted } : { reset: true, from: 0, to: wanted };
}

/**
 * The check events worth a mark on the timeline: every verdict change, but not a check's first
 * verdict when it is failing (each check starts red; that is where the learner began, not a turn).
 */
export function turningPoints<T extends { checkId: string; passed: boolean }>(checks: readonly T[]): T[] {
  const seen = new Set<string>();
  return checks.filter((check) => {
    const first = !seen.has(check.checkId);
    seen.add(check.checkId);
    return !(first && !check.passed);
  });
}

/** Where a moment sits along the timeline, in percent. */
export function timelinePercent(t: number, durationMs: number): number {
  if (durationMs <= 0) return 0;
  return Math.min(100, Math.max(0, (t / durationMs) * 100));
}

/** m:ss, or h:mm:ss past an hour. */
export function formatOffset(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
