// `npm run bench [-- --json] [-- --quick] [-- --only terminal,kubectl,...] [-- --session-host process|worker]`:
// Flatnet's benchmark suite (DESIGN.md "Budgets"). Prints a table for people, or one JSON object
// with stable keys. A figure that was not measured is absent, never made up. `--only` runs the named
// parts (kubectl, scale, kube-proxy, packet, terminal, runaway, lesson, sign-in-flood), e.g. `--only terminal`
// for lab ready, echo and memory per session at up to 1,000 sessions (`--quick`: 10), `--only
// sign-in-flood` for echo while passwords are checked. `--session-host` sets FLATNET_SESSION_HOST
// (how the gateway hosts lab sessions) for every server the bench starts; the JSON's `sessionHost`
// says which was measured.

import { describeMachine } from './machine';
import { MAX_PODS } from '../core/limits';
import { benchKubectl, benchKubectlAtScale } from './kubectl-bench';
import { benchTerminal } from './terminal-bench';
import { benchLesson } from './lesson-bench';
import { benchSignInFlood } from './sign-in-flood-bench';
import { runKubeProxyBench } from '../dataplane/kube-proxy/bench';
import { benchPacket } from './packet-bench';
import { benchRunaway } from './runaway-bench';

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
const PARTS = ['kubectl', 'scale', 'kube-proxy', 'packet', 'terminal', 'runaway', 'lesson', 'sign-in-flood'] as const;
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? (process.argv[onlyAt + 1] ?? '').split(',').filter(Boolean) : [...PARTS];
const unknown = only.filter((part) => !(PARTS as readonly string[]).includes(part));
if (unknown.length || !only.length) {
  process.stderr.write(`bench: --only takes a comma-separated list of ${PARTS.join(', ')}\n`);
  process.exit(2);
}
const hostAt = process.argv.indexOf('--session-host');
const sessionHost = hostAt >= 0 ? (process.argv[hostAt + 1] ?? '') : (process.env.FLATNET_SESSION_HOST || 'worker');
if (!['process', 'worker'].includes(sessionHost)) {
  process.stderr.write(`bench: --session-host takes process or worker, not '${sessionHost}'\n`);
  process.exit(2);
}
// Before any server starts: the terminal part's kit and the sign-in flood's server both read it.
process.env.FLATNET_SESSION_HOST = sessionHost;
const runs = (part: (typeof PARTS)[number]) => only.includes(part);
const log = (line: string) => {
  if (!json) process.stderr.write(`${line}\n`);
};

const results: Record<string, unknown> = { machine: describeMachine(), sessionHost };

if (runs('kubectl')) {
  log('kubectl on the default topology…');
  Object.assign(results, await benchKubectl());
}
if (runs('scale')) {
  log(`kubectl get pods -A with ${quick ? 500 : MAX_PODS} pods (the most a lab holds)…`);
  Object.assign(results, await benchKubectlAtScale(quick ? 500 : MAX_PODS));
}
if (runs('kube-proxy')) {
  log('kube-proxy model at 10,000 Services × 5 endpoints…');
  Object.assign(results, runKubeProxyBench(quick ? { services: 1000 } : {}));
}
if (runs('packet')) {
  log('packet engine: one probe pod → ClusterIP, at the default topology and with 10,000 Services…');
  const packet = await benchPacket(quick ? { extraServices: 1000, samples: 100 } : {});
  // DESIGN's stable key: the full walk (every hook, route and policy) at the 10k-Service scale.
  Object.assign(results, packet, { packetWalkUs: { p50: packet.packetProbeAtScaleUs.p50 } });
}
if (runs('terminal')) {
  log(`lab terminal over WebSockets from a separate client process, ${sessionHost} session host (ready, echo, memory)…`);
  Object.assign(
    results,
    await benchTerminal({
      readySamples: quick ? 5 : 30,
      levels: quick ? [1, 10] : [1, 50, 200, 500, 1000],
      underLoadSessions: quick ? 10 : 500,
      keystrokes: quick ? 10 : 20,
      keyIntervalMs: 200,
      sessionHost,
    }),
  );
  results.echoTypingRate = 'each session types ~5 keys/s (200 ms between echo and next key), all sessions at once, from a separate process';
}

if (runs('runaway')) {
  log('what one learner\'s runaway inputs cost the echo of the others…');
  Object.assign(results, await benchRunaway({ neighbours: quick ? 10 : 50, keystrokes: quick ? 20 : 50, sessionHost }));
}

if (runs('lesson')) {
  log('lesson page TTFB (production build)…');
  Object.assign(results, await benchLesson());
}

if (runs('sign-in-flood')) {
  log('echo while a separate process floods sign-in with 20 wrong passwords a second (production build)…');
  Object.assign(results, await benchSignInFlood({ sessions: quick ? 10 : 20, keystrokes: quick ? 20 : 40, keyIntervalMs: 150, floodPerSecond: 20 }));
}

if (json) {
  process.stdout.write(`${JSON.stringify(results)}\n`);
} else {
  const budgets: Record<string, string> = {
    labReadyMs: 'p50 ≤ 150 ms, p95 ≤ 500 ms (issue 21)',
    labReadyUnderLoadMs: 'p50 ≤ 150 ms, p95 ≤ 500 ms while 500 sessions type (issue 21)',
    echoMs: 'p99 ≤ 20 ms at 500 sessions, ≤ 50 ms at 1,000 (issue 21)',
    disconnects: 'none at any level (issue 21)',
    sessionsHeld: '1,000 (issue 21)',
    pssPerSessionMB: '≤ 15 MB per idle session, server included (issue 21)',
    rssPerSessionMB: 'secondary: VmRSS counts shared pages again in every process',
    memAvailablePerSessionMB: 'MemAvailable drop / sessions, largest level',
    kubectlMs: 'p50 ≤ 5 ms',
    kubectlGetPodsAllAtMaxMs: 'p50 ≤ 50 ms',
    lessonTtfbMs: 'p50 ≤ 50 ms',
    sync10kServicesMs: '≤ 1000 ms',
    packetWalkUs: 'p50 ≤ 1000 µs (full sendProbe through a Service, 10k Services)',
    iptablesChainWalkUs: 'nat PREROUTING chain walk alone, to the last of 10k Services',
    signInFlood: 'p99CostMs ≤ 5 (issue 21): echo p99 during 20 sign-ins/s minus quiet',
    runaway: 'runawayCostMs ≤ 5 (issue 21): neighbours\' echo p99 during one learner\'s runaways minus quiet',
  };
  const rows = Object.entries(results).filter(([k]) => k !== 'machine');
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`machine: ${JSON.stringify(results.machine)}`);
  for (const [key, value] of rows) {
    console.log(`${key.padEnd(width)}  ${JSON.stringify(value).padEnd(60)}  ${budgets[key] ?? ''}`);
  }
}
process.exit(0);
