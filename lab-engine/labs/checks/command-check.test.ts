import { describe, expect, it } from 'vitest';
import { createSimulation, settle, type FlatnetSimulation } from '../../simulation/simulation';
import { CommandCheckSchema } from '../schema';
import { gradeCommandCheck } from './command-check';
import { renderFeedback } from '../feedback';

async function webCluster(): Promise<FlatnetSimulation> {
  const sim = createSimulation({ seed: 1 });
  for (const line of ['kubectl create deployment web --image=nginx --replicas=2', 'kubectl expose deployment web --port=80']) expect((await sim.exec(line)).exitCode).toBe(0);
  settle(sim);
  return sim;
}

const check = (fields: Record<string, unknown>) => CommandCheckSchema.parse({ id: 'c', title: 'C', kind: 'command', ...fields });

describe('command checks', () => {
  it('grade what a workstation command prints, and say what it printed when it does not match', async () => {
    const sim = await webCluster();
    const run = "kubectl get svc web -o jsonpath='{.spec.ports[0].targetPort}'";
    expect(await gradeCommandCheck(check({ run, expect: { matches: '^80$' } }), sim)).toMatchObject({ passed: true, feedbackId: 'command.ok', params: { where: 'the workstation', run, exitCode: 0 } });
    expect(await gradeCommandCheck(check({ run, expect: { matches: '^8080$' } }), sim)).toMatchObject({ passed: false, feedbackId: 'command.no_match', params: { pattern: '^8080$', excerpt: '80' } });
  });

  it('name what the command looks at instead of its line when the lab words it, and then never send the line', async () => {
    const sim = await webCluster();
    const worded = check({ run: "kubectl get svc web -o jsonpath='{.spec.ports[0].targetPort}'", shows: "web's target port", expect: { matches: '^8080$' } });
    const result = await gradeCommandCheck(worded, sim);
    expect(result).toMatchObject({ passed: false, feedbackId: 'command.no_match', params: { where: 'the workstation', shows: "web's target port" } });
    expect(result.params).not.toHaveProperty('run');
    expect(renderFeedback(result)).toBe(`On the workstation, web's target port printed nothing matching /^8080$/ (it printed "80")`);
  });

  it('run on a node through ssh: kube-proxy NAT rules appear and go with the Service', async () => {
    const sim = await webCluster();
    const rules = check({ run: 'iptables-save -t nat', on: { node: 'node-2' }, expect: { matches: '^-A KUBE-SERVICES .*"default/web cluster IP".* -j KUBE-SVC-' } });
    expect(await gradeCommandCheck(rules, sim)).toMatchObject({ passed: true, params: { where: 'node-2' } });
    const gone = check({ run: 'iptables-save -t nat', on: { node: 'node-2' }, expect: { notMatches: 'default/web' } });
    const still = await gradeCommandCheck(gone, sim);
    expect(still).toMatchObject({ passed: false, feedbackId: 'command.unexpected_match' });
    expect(still.params).toHaveProperty('line', expect.stringContaining('default/web'));
    await sim.exec('kubectl delete svc web');
    expect((await gradeCommandCheck(rules, sim)).passed).toBe(false);
    expect((await gradeCommandCheck(gone, sim)).passed).toBe(true);
  });

  it('run in a pod the selector names, and grade exit codes', async () => {
    const sim = await webCluster();
    const pod = sim.list('pods', 'default').find((p) => p.metadata.name.startsWith('web-'))!.metadata.name;
    expect(await gradeCommandCheck(check({ run: 'cat /etc/hostname', on: { selector: 'app=web' }, expect: { matches: `^${pod}$` } }), sim)).toMatchObject({ passed: true, params: { where: `pod default/${pod}` } });
    expect(await gradeCommandCheck(check({ run: 'kubectl get svc nope', expect: { exitCode: 0 } }), sim)).toMatchObject({
      passed: false,
      feedbackId: 'command.wrong_exit_code',
      params: { exitCode: 1, expected: 0, excerpt: 'Error from server (NotFound): services "nope" not found' },
    });
    expect(await gradeCommandCheck(check({ run: 'true', on: { node: 'node-9' }, expect: { exitCode: 0 } }), sim)).toMatchObject({ passed: false, feedbackId: 'command.no_node', params: { node: 'node-9' } });
    expect(await gradeCommandCheck(check({ run: 'true', on: { selector: 'app=nothing' }, expect: { exitCode: 0 } }), sim)).toMatchObject({ passed: false, feedbackId: 'reachability.no_source' });
  });

  it('never disturbs the learner: not their shell, history, files or cluster', async () => {
    const sim = await webCluster();
    await sim.exec('export COLOR=blue');
    await sim.exec('ssh node-1');
    const before = { history: sim.snapshot().history, depth: sim.contextDepth(), generation: sim.generation(), prompt: sim.prompt() };
    const meddling = check({ run: 'cd /; export COLOR=red; echo x > /tmp/left-behind; kubectl delete svc web && echo "COLOR=$COLOR"', expect: { matches: '^COLOR=red$' } });
    expect((await gradeCommandCheck(meddling, sim)).passed).toBe(true);
    expect({ history: sim.snapshot().history, depth: sim.contextDepth(), generation: sim.generation(), prompt: sim.prompt() }).toEqual(before);
    expect(sim.get('services', 'default', 'web')).toBeDefined();
    expect(sim.fs.toJSON()['/tmp/left-behind']).toBeUndefined();
    await sim.exec('exit');
    expect((await sim.exec('echo $COLOR; pwd')).stdout).toBe('blue\n/home/learner\n');
  });
});
