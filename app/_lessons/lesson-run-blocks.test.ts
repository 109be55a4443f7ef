// Every ```sh run block of every lesson, replayed in order in the terminal the lesson page opens:
// the module's sandbox lab (module.yaml `sandbox:`) or else its first lab, after its hidden setup. A learner reads between blocks, so simulated
// time passes between them (pods finish starting). A block must succeed and must never meet a
// command or feature the simulator lacks; a block that is meant to fail says so with `fails`
// (```sh run fails). A block that declares the output the lesson describes (`expect='…'`) must
// print it, and a block's wait condition (`waitFor="ready pod/web"`) must hold once the cluster
// settles, or the lesson would stall there. This keeps the lessons' promises true as the engine changes.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScript, type SelfTestFailure } from '../../lab-engine/labs/self-test';
import { createSimulation, settle } from '../../lab-engine/simulation/simulation';
import { findLab } from '../_server/lab-catalogue';
import { listModules } from './catalogue';
import { runBlocksOf } from './run-blocks';
import { sandboxLabOf } from './module-manifest';
import { conditionHolds } from '../../lab-engine/labsh/wait-for-condition';

/** What a learner would see if a lesson promised something the simulator cannot do. */
const MISSING_FEATURE = /command not found|not available in this simulated cluster|not simulated yet|does not serve/;

/**
 * What reads as a broken step unless the block says it fails on purpose (`fails`): the same
 * list the browser replay (e2e/run-all.spec.ts) holds every block to.
 */
const BROKEN = [/container not found/, /no network namespace/, /Error from server/, /^error: /m, /labsh: internal error/, /still waiting for .* after \d+ s/];

const runBlocks = (path: string) => runBlocksOf(readFileSync(path, 'utf8'), path);

const modules = await listModules();

describe('lesson run blocks replay in the lab terminal beside them', () => {
  it('finds lessons with run blocks to replay', () => {
    const total = modules.flatMap((m) => m.lessons).reduce((n, l) => n + runBlocks(l.path).length, 0);
    expect(total).toBeGreaterThan(10);
  });

  for (const mod of modules) {
    for (const lesson of mod.lessons) {
      it(`${mod.slug}/${lesson.slug}`, async () => {
        const labId = sandboxLabOf(mod);
        const lab = labId ? await findLab(labId) : null;
        const sim = createSimulation({ seed: lab?.seed ?? 1, ...(lab ? { topology: lab.topology, files: lab.files } : {}) });
        if (lab) {
          const failures: SelfTestFailure[] = [];
          expect(await runScript(sim, lab.setup, 'setup', failures), JSON.stringify(failures)).toBe(true);
          settle(sim);
        }
        // What the learner's terminal shows, in order. The blocks run in a live terminal, as in the
        // browser, where a background job (tcpdump … &) outlives its block and keeps printing
        // while later blocks run: a block is judged on everything printed meanwhile.
        let terminal = '';
        const onOutput = (text: string) => {
          terminal += text;
        };
        const live = { columns: 120, rows: 40, write: (text: string) => onOutput(text.replace(/\r\n/g, '\n')) };
        for (const block of runBlocks(lesson.path)) {
          const start = terminal.length;
          const result = await sim.exec(block.command, { onOutput, terminal: live });
          const printed = terminal.slice(start);
          const shown = `\`${block.command}\` (line ${block.line}) printed:\n${printed}`;
          expect(printed, shown).not.toMatch(MISSING_FEATURE);
          if (!block.mayFail) {
            expect(result.exitCode, shown).toBe(0);
            for (const broken of BROKEN) expect(printed, shown).not.toMatch(broken);
          }
          if (block.expect) expect(printed, shown).toMatch(block.expect);
          settle(sim);
          const waitFor = block.waitFor;
          if (waitFor) {
            const resource = `${waitFor.kind}s`;
            expect(conditionHolds(waitFor, sim.get(resource, waitFor.namespace, waitFor.name)), `waitFor="${block.waitForText}" after \`${block.command}\` never holds`).toBe(true);
          }
        }
      }, 60_000);
    }
  }
});
