import { describe, expect, it } from 'vitest';
import { createSimulation, restoreSimulation } from '../../../simulation/simulation';

const questions = [
  { id: 'real-port', question: 'Which port does the web container really listen on?' },
  { id: 'down-node', question: 'On which node is kube-proxy down?' },
];

describe('answer', () => {
  it('lists the questions, records an answer and shows it back', async () => {
    const sim = createSimulation({ seed: 1, questions });
    expect((await sim.exec('answer')).stdout).toBe(
      'real-port: Which port does the web container really listen on?\n  (no answer yet)\ndown-node: On which node is kube-proxy down?\n  (no answer yet)\n',
    );
    const recorded = await sim.exec('answer real-port  8080 ');
    expect(recorded).toMatchObject({ exitCode: 0, stdout: 'Recorded your answer to real-port: 8080\n' });
    expect(sim.answerTo('real-port')).toBe('8080');
    expect((await sim.exec('answer real-port')).stdout).toBe('Which port does the web container really listen on?\nYour answer: 8080\n');
    expect((await sim.exec('answer down-node')).stdout).toContain('No answer yet. Give one with: answer down-node VALUE');
  });

  it('refuses an id the lab does not ask, an unknown option and an empty value, with usage', async () => {
    const sim = createSimulation({ seed: 1, questions });
    expect(await sim.exec('answer real-prot 8080')).toMatchObject({ exitCode: 2, stderr: 'answer: this lab asks no question "real-prot"\nQuestions in this lab: real-port, down-node\n' });
    expect(await sim.exec('answer -x')).toMatchObject({ exitCode: 2, stderr: "answer: unknown option -x\nUsage: answer [QUESTION-ID [VALUE...]]\nTry 'answer --help' for more information.\n" });
    expect((await sim.exec("answer real-port ''")).stderr).toBe('answer: the answer to real-port is empty\nUsage: answer [QUESTION-ID [VALUE...]]\n');
    expect(sim.answerTo('real-port')).toBeUndefined();
    const help = await sim.exec('answer --help');
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('answer ID VALUE        record VALUE as your answer');
    expect(help.stdout).toContain('Example: answer real-port <your finding>\n\nQuestions in this lab: real-port, down-node\n');
  });

  it('says so in a lab that asks nothing', async () => {
    const sim = createSimulation({ seed: 1 });
    expect(await sim.exec('answer x 1')).toMatchObject({ exitCode: 1, stderr: 'answer: this lab asks no questions; there is nothing to answer here\n' });
  });

  it('is a change graders see, and a snapshot keeps the questions and answers', async () => {
    const sim = createSimulation({ seed: 1, questions });
    const before = sim.generation();
    await sim.exec('answer down-node NODE-2');
    expect(sim.generation()).toBeGreaterThan(before);
    const restored = restoreSimulation(JSON.parse(JSON.stringify(sim.snapshot())));
    expect(restored.answerTo('down-node')).toBe('NODE-2');
    expect((await restored.exec('answer')).stdout).toContain('your answer: NODE-2');
  });

  it('exists only on the workstation', async () => {
    const sim = createSimulation({ seed: 1, questions });
    expect((await sim.exec('ssh node-1 answer real-port 1')).exitCode).toBe(127);
    expect(sim.answerTo('real-port')).toBeUndefined();
  });
});
