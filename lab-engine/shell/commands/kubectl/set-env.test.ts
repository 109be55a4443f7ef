// kubectl set env: sets, overwrites and removes variables in a Deployment's template (which then
// rolls out), lists them, prints `deployment.apps/NAME env updated` as kubectl does, nothing when
// nothing changed, and kubectl's errors for a missing object or a bad key.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: app
          image: nginx:1.27
          env: [{ name: MODE, value: slow }, { name: DEBUG, value: "1" }]
`;

async function web() {
  const sim = createSimulation({ seed: 1, files: { '/tmp/web.yaml': WEB } });
  expect((await sim.exec('kubectl apply -f /tmp/web.yaml')).exitCode).toBe(0);
  settle(sim);
  return sim;
}

describe('kubectl set env', () => {
  it('overwrites, adds and removes variables, and rolls the Deployment out', async () => {
    const sim = await web();
    const before = sim.cluster.get('deployments', 'default', 'web')!.metadata.generation;
    const r = await sim.exec('kubectl set env deployment/web MODE=fast EXTRA=yes DEBUG-');
    expect(r).toMatchObject({ stdout: 'deployment.apps/web env updated\n', exitCode: 0 });
    const d = sim.cluster.get('deployments', 'default', 'web')!;
    expect(d.spec.template.spec.containers[0].env).toEqual([{ name: 'MODE', value: 'fast' }, { name: 'EXTRA', value: 'yes' }]);
    expect(d.metadata.generation).toBe((before ?? 0) + 1);
    // The same again changes nothing and prints nothing.
    expect(await sim.exec('kubectl set env deployment/web MODE=fast')).toMatchObject({ stdout: '', exitCode: 0 });
    expect((await sim.exec('kubectl set env deploy web --list')).stdout).toBe('# Deployment web, container app\nMODE=fast\nEXTRA=yes\n');
  });

  it("answers in kubectl's words", async () => {
    const sim = await web();
    expect((await sim.exec('kubectl set env deployment/nope A=1')).stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect((await sim.exec('kubectl set env deployment/web 1A=1')).stderr).toBe('error: invalid key name: "1A"\n');
    expect((await sim.exec('kubectl set env deployment/web')).stderr).toBe('error: at least one environment variable must be provided\n');
    expect((await sim.exec('kubectl set env deployment/web -c sidecar A=1')).stderr).toBe('warning: Deployment/web does not have any containers matching "sidecar"\n');
  });
});
