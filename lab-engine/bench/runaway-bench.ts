// Issue 21: what one learner's runaway costs the others. NEIGHBOURS sessions type at ~5 keys/s
// (the load client, in its own process) three times: quietly, while one more session runs the
// runaways a learner really types, and quietly again. The runaways, one after another for the
// whole round: a busy loop (`while true; do :; done`, stopped by the shell's per-input limits), a
// huge `seq` (cut at the output limit), and a regex that backtracks catastrophically in a
// backtracking engine (`(a+)+$`; labsh matches in linear time). runawayCostMs is the neighbours'
// echo p99 during the runaway minus the mean of the two quiet rounds; runawayStopped counts the
// runaway terminal's "stopped"/"truncated" notices, which say the learner was told.

import { fileURLToPath } from 'node:url';
import { openTerminal, startGatewayKit } from '../gateway/gateway-test-kit';
import type { AttemptRef } from '../gateway/ports';
import { labshCommand } from '../gateway/labsh-command';
import { LoadClient } from './load-client-process';
import { round } from './stats';

const root = fileURLToPath(new URL('../..', import.meta.url));
const LAB = 'pod-network-basics';
const RUNAWAYS = [
  'while true; do :; done',
  'seq 1 100000000 | tail -1',
  "printf 'a%.0s' $(seq 1 5000) | sed 's/$/b/' | grep -cE '(a+)+$'",
];

export async function benchRunaway(options: { neighbours: number; keystrokes: number; sessionHost: string }) {
  process.env.FLATNET_SESSION_HOST = options.sessionHost;
  const attempts: AttemptRef[] = Array.from({ length: options.neighbours + 1 }, (_, i) => ({ id: `runaway-${i}`, userId: 'bench-user', labId: LAB, seed: 1 }));
  const kit = await startGatewayKit(attempts, { bench: 'bench-user' }, { command: labshCommand(root), contentDir: `${root}/content` });
  const client = await LoadClient.start(root, kit.url, 'session=bench');
  try {
    await client.open(attempts.slice(1).map((a) => a.id));
    // The neighbours' start-up (their first ticks, the host's warm threads refilling) is not what is measured.
    await new Promise((r) => setTimeout(r, 12_000));
    const round1 = await client.type(options.keystrokes, 200);
    const runaway = await openTerminal(kit.url, attempts[0].id, { origin: kit.url, cookie: 'session=bench' });
    await runaway.waitFor(/\$ $/, 60_000);
    let running = true;
    let ran = 0;
    const loop = (async () => {
      while (running) {
        const before = runaway.output().length;
        runaway.type(`${RUNAWAYS[ran++ % RUNAWAYS.length]}\r`);
        // The next prompt: the shell stopped the input and is the learner's again.
        while (!/\$ $/.test(runaway.output().slice(before + 2))) await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const during = await client.type(options.keystrokes, 200);
    running = false;
    await loop;
    const round3 = await client.type(options.keystrokes, 200);
    const stopped = (runaway.output().match(/stopped|truncated/g) ?? []).length;
    runaway.ws.close();
    const quiet = [round1.echoMs.p99 ?? NaN, round3.echoMs.p99 ?? NaN];
    const quietMean = (quiet[0] + quiet[1]) / 2;
    return {
      runaway: {
        sessionHost: options.sessionHost,
        neighbours: options.neighbours,
        quietEchoP99Ms: quiet.map((v) => round(v, 1)),
        runawayEchoP99Ms: round(during.echoMs.p99 ?? NaN, 1),
        runawayCostMs: round((during.echoMs.p99 ?? NaN) - quietMean, 1),
        runawayInputs: ran,
        runawayStopped: stopped,
        disconnects: during.disconnects,
      },
    };
  } finally {
    await client.exit();
    await kit.close();
  }
}
