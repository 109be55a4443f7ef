import { describe, expect, it } from 'vitest';
import { createSimulation, settle, type FlatnetSimulation } from '../../simulation/simulation';
import { AnswerCheckSchema } from '../schema';
import { gradeAnswerCheck } from './answer-check';

const questions = [{ id: 'where', question: 'On which node does the web pod run?' }];

async function onePod(): Promise<FlatnetSimulation> {
  const sim = createSimulation({ seed: 1, questions });
  expect((await sim.exec('kubectl run web --image=nginx --labels=app=web')).exitCode).toBe(0);
  settle(sim);
  return sim;
}

const check = (expected: Record<string, unknown>) => AnswerCheckSchema.parse({ id: 'where', title: 'Where', kind: 'answer', question: questions[0].question, expected });
const byJsonPath = check({ resource: 'pods', selector: 'app=web', jsonPath: '{.spec.nodeName}' });

describe('answer checks', () => {
  it('wait for an answer, then grade it against the model, ignoring case and spaces', async () => {
    const sim = await onePod();
    const node = sim.view().get('pods', 'default', 'web')!.spec.nodeName!;
    const other = node === 'node-1' ? 'node-2' : 'node-1';
    expect(await gradeAnswerCheck(byJsonPath, sim)).toMatchObject({ passed: false, feedbackId: 'answer.missing', params: { questionId: 'where' } });
    await sim.exec(`answer where ${other}`);
    const wrong = await gradeAnswerCheck(byJsonPath, sim);
    expect(wrong).toMatchObject({ passed: false, feedbackId: 'answer.wrong', params: { answer: other } });
    // A wrong answer's feedback never gives the right one away.
    expect(JSON.stringify(wrong)).not.toContain(node);
    await sim.exec(`answer where '  ${node.toUpperCase()} '`);
    expect(await gradeAnswerCheck(byJsonPath, sim)).toMatchObject({ passed: true, feedbackId: 'answer.correct' });
  });

  it('computes the truth when it grades, so a right answer goes stale when the cluster changes', async () => {
    const sim = await onePod();
    const node = sim.view().get('pods', 'default', 'web')!.spec.nodeName!;
    await sim.exec(`answer where ${node}`);
    expect((await gradeAnswerCheck(byJsonPath, sim)).passed).toBe(true);
    const other = node === 'node-1' ? 'node-2' : 'node-1';
    await sim.exec(`kubectl delete pod web && kubectl run web --image=nginx --labels=app=web --overrides='{"spec":{"nodeName":"${other}"}}'`);
    settle(sim);
    expect(sim.view().get('pods', 'default', 'web')!.spec.nodeName).toBe(other);
    expect((await gradeAnswerCheck(byJsonPath, sim)).feedbackId).toBe('answer.wrong');
  });

  it('takes the truth from a command, picking the first group of each match', async () => {
    const sim = await onePod();
    const ip = sim.view().get('pods', 'default', 'web')!.status.podIP!;
    const fromCommand = check({ run: 'kubectl get pods -o wide', pick: '^web\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\S+\\s+(\\S+)' });
    await sim.exec(`answer where ${ip}`);
    expect(await gradeAnswerCheck(fromCommand, sim)).toMatchObject({ passed: true, reason: expect.stringContaining(ip) });
    const fromNode = check({ run: 'hostname', on: { node: 'node-2' } });
    expect((await gradeAnswerCheck(fromNode, sim)).passed).toBe(false);
    await sim.exec('answer where node-2');
    expect((await gradeAnswerCheck(fromNode, sim)).passed).toBe(true);
  });

  it('fails plainly when the cluster cannot tell the truth', async () => {
    const sim = await onePod();
    await sim.exec('answer where node-1');
    expect(await gradeAnswerCheck(check({ resource: 'pods', name: 'gone', jsonPath: '{.spec.nodeName}' }), sim)).toMatchObject({
      passed: false,
      feedbackId: 'answer.no_truth',
      params: { reason: 'there is no pods gone in default' },
    });
    expect(await gradeAnswerCheck(check({ run: 'kubectl get pods nope -o name' }), sim)).toMatchObject({ passed: false, feedbackId: 'answer.no_truth' });
  });
});
