// `npm run bench [-- --json] [-- --quick] [-- --only terminal,kubectl,...]`: Flatnet's benchmark
// suite (DESIGN.md "Budgets"). Prints a table for people, or one JSON object with stable keys. A
// figure that was not measured is absent, never made up. `--only` runs the named parts (kubectl,
// scale, kube-proxy, packet, terminal, lesson, sign-in-flood), e.g. `--only terminal` for lab ready,
// echo and memory per session, `--only sign-in-flood` for echo while passwords are checked.

import { describeMachine } from './machine';
import { MAX_PODS } from '../core/limits';
import { benchKubectl, benchKubectlAtScale } from './kubectl-bench';
import { benchTerminal } from './terminal-bench';
import { benchLesson } from './lesson-bench';
import { benchSignInFlood } from './sign-in-flood-bench';
import { runKubeProxyBench } from '../dataplane/kube-proxy/bench';
import { benchPacket } from './packet-bench';

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
const PARTS = ['kubectl', 'scale', 'kube-proxy', 'packet', 'terminal', 'lesson', 'sign-in-flood'] as const;
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? (process.argv[onlyAt + 1] ?? '').split(',').filter(Boolean) : [...PARTS];
const unknown = only.filter((part) => !(PARTS as readonly string[]).includes(part));
if (unknown.length || !only.length) {
  process.stderr.write(`bench: --only takes a comma-separated list of ${PARTS.join(', ')}\n`);
  process.exit(2);
}
const runs = (part: (typeof PARTS)[number]) => only.includes(part);
const log = (line: string) => {
  if (!json) process.stderr.write(`${line}\n`);
};

const results: Record<string, unknown> = { machine: describeMachine() };

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
  log('lab terminal over WebSockets (ready, echo, memory)…');
  Object.assign(results, await benchTerminal({ readySamples: quick ? 5 : 30, echoLevels: quick ? [1, 10] : [1, 50, 200], keystrokes: quick ? 10 : 20, keyIntervalMs: 150 }));
  results.echoTypingRate = 'each session types ~7 keys/s (150 ms between echo and next key), all sessions at once';
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
    labReadyMs: 'p50 ≤ 300 ms, p95 ≤ 1000 ms',
    echoMs: 'p99 ≤ 20 ms at 200 sessions',
    rssPerSessionMB: '≤ 45 MB (issue #12)',
    pssPerSessionMB: '≤ 15 MB (DESIGN.md)',
    rssSettledMB: 'the first level\'s session again, idle 12 s after its prompt',
    kubectlMs: 'p50 ≤ 5 ms',
    kubectlGetPodsAllAtMaxMs: 'p50 ≤ 50 ms',
    lessonTtfbMs: 'p50 ≤ 50 ms',
    sync10kServicesMs: '≤ 1000 ms',
    packetWalkUs: 'p50 ≤ 1000 µs (full sendProbe through a Service, 10k Services)',
    iptablesChainWalkUs: 'nat PREROUTING chain walk alone, to the last of 10k Services',
    signInFlood: 'p99CostMs ≤ 5 (issue 21): echo p99 during 20 sign-ins/s minus quiet',
  };
  const rows = Object.entries(results).filter(([k]) => k !== 'machine');
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`machine: ${JSON.stringify(results.machine)}`);
  for (const [key, value] of rows) {
    console.log(`${key.padEnd(width)}  ${JSON.stringify(value).padEnd(60)}  ${budgets[key] ?? ''}`);
  }
}
process.exit(0);
