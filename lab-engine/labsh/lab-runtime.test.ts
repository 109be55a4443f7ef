// A lab the gateway already loaded (sent with `init`) is used as is: the child reads nothing from
// content/ (so neither YAML nor zod loads in it), and it grades exactly as the lab it would have
// read itself, after the JSON trip over the control channel.

import { describe, expect, it } from 'vitest';
import { LabRuntime } from './lab-runtime';
import { findContentDir } from './labsh';
import { loadLab, loadLabById } from '../labs/loader';
import { labVariables } from '../labs/lab-variables';
import { join } from 'node:path';

describe('LabRuntime with a lab from the gateway', () => {
  it('starts from the lab it is given and grades it as the one it would load', async () => {
    const content = findContentDir();
    const lab = JSON.parse(JSON.stringify(await loadLabById(content, 'pod-network-basics')));
    const given = await LabRuntime.start({ seed: 1, labId: 'pod-network-basics', contentDir: '/nonexistent', lab });
    const read = await LabRuntime.start({ seed: 1, labId: 'pod-network-basics', contentDir: content });
    expect(given.lab).toBe(lab);
    for (const runtime of [given, read]) await runtime.sim.exec('kubectl run web --image=nginx; sleep 30');
    expect(await given.grade()).toEqual(await read.grade());
    expect((await given.grade()).some((r) => r.passed)).toBe(true);
  });

  it('instantiates a lab with variables with the attempt\'s seed, after the JSON trip, the cluster seed unchanged', async () => {
    const lab = JSON.parse(JSON.stringify(await loadLab(join(import.meta.dirname, '..', 'labs', 'testdata', 'variables', 'vars-lab'))));
    const seed = [2, 3, 4, 5, 6].find((s) => labVariables(lab, s).app !== lab.instance.values.app) ?? 2;
    const { app, port } = labVariables(lab, seed);
    const runtime = await LabRuntime.start({ seed, labId: 'vars-lab', contentDir: '/nonexistent', lab });
    expect(runtime.lab?.instance).toEqual({ seed, values: { app, port } });
    expect((await runtime.sim.exec('cat /etc/motd')).stdout).toBe(`serve ${app} on ${port}\n`);
    expect(runtime.lab?.solution).toBe(`kubectl run ${app} --image=nginx`);
    expect(runtime.sim.snapshot().seed).toBe(seed);
  });

  it('reads the lab itself when the one given is another', async () => {
    const content = findContentDir();
    const other = await loadLabById(content, 'service-selector-debug');
    const runtime = await LabRuntime.start({ seed: 1, labId: 'pod-network-basics', contentDir: content, lab: other });
    expect(runtime.lab?.id).toBe('pod-network-basics');
  });

  it('restores an attempt with the questions the lab asks now, keeping the answers given', async () => {
    const content = findContentDir();
    const lab = await loadLabById(content, 'named-port-mismatch');
    const first = await LabRuntime.start({ seed: 1, labId: lab.id, contentDir: content, lab });
    expect((await first.sim.exec('answer real-port 1234')).exitCode).toBe(0);
    const { answers: _dropped, ...older } = first.sim.snapshot();
    const fromOlder = await LabRuntime.start({ seed: 1, labId: lab.id, contentDir: content, lab, snapshot: older });
    expect((await fromOlder.sim.exec('answer')).stdout).toContain('real-port: Which TCP port');
    const again = await LabRuntime.start({ seed: 1, labId: lab.id, contentDir: content, lab, snapshot: first.sim.snapshot() });
    expect(again.sim.answerTo('real-port')).toBe('1234');
    const graded = (await again.grade()).find((r) => r.checkId === 'real-port');
    expect(graded).toMatchObject({ passed: false, feedbackId: 'answer.wrong' });
  });
});
