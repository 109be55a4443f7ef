// Counts what a server runs, so tests can prove what a handshake started or did not start.
// `activeSessions` reads the server's /metrics (the e2e client is on loopback, which /metrics
// admits; FLATNET_METRICS_TOKEN, when the run sets it for the server, is sent as the bearer token):
// it counts sessions whichever host runs them. `labshChildren` counts labsh processes from /proc:
// one per session with FLATNET_SESSION_HOST=process, but the session hosts with `worker` (one
// starts with the server, so it says nothing about how many sessions exist there).

import { readdirSync, readFileSync } from 'node:fs';

export function labshChildren(serverPid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== serverPid) continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes('labsh')) pids.push(Number(entry));
    } catch {
      // the process went away while we looked
    }
  }
  return pids;
}

/** The server's /metrics as name (with its labels) → value. */
export async function serverMetrics(baseURL: string): Promise<Map<string, number>> {
  const token = process.env.FLATNET_METRICS_TOKEN?.trim();
  const response = await fetch(`${baseURL}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (response.status !== 200) throw new Error(`GET /metrics answered ${response.status}`);
  const metrics = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    const sample = /^([a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (sample) metrics.set(sample[1]!, Number(sample[2]));
  }
  return metrics;
}

/** Live lab sessions on the server (flatnet_active_sessions). */
export async function activeSessions(baseURL: string): Promise<number> {
  const value = (await serverMetrics(baseURL)).get('flatnet_active_sessions');
  if (value === undefined) throw new Error('/metrics has no flatnet_active_sessions');
  return value;
}
