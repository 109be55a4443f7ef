// crictl on a node lists the containers and sandboxes of that node's pods. Column layout from
// kubernetes-sigs/cri-tools cmd/crictl/container.go (CONTAINER IMAGE CREATED STATE NAME ATTEMPT
// POD ID POD) and sandbox.go (POD ID CREATED STATE NAME NAMESPACE ATTEMPT RUNTIME), printed through
// tabwriter.NewWriter(os.Stdout, 20, 1, 3, ' ', 0); CREATED is docker/go-units HumanDuration + " ago".

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';
import { goUnitsDuration } from './crictl';

describe('crictl', () => {
  it('ps and pods list what runs on this node only', async () => {
    const sim = createSimulation({ seed: 1 });
    expect((await sim.exec("kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  nodeName: node-1\n  containers: [{name: nginx, image: nginx}]\nEOF")).exitCode).toBe(0);
    settle(sim);
    const r = await sim.exec('ssh node-1\ncrictl ps\ncrictl pods\nexit');
    const lines = r.stdout.split('\n');
    expect(lines).toContain('CONTAINER           IMAGE               CREATED             STATE               NAME                ATTEMPT             POD ID              POD');
    expect(r.stdout).toMatch(/\n[0-9a-f]{13} {7}[0-9a-f]{13} {7}3 days ago {10}Running {13}kube-proxy {10}0 {19}[0-9a-f]{13} {7}kube-proxy-[a-z0-9]{5}\n/);
    expect(r.stdout).toMatch(/ calico-node-[a-z0-9]{5}\n/);
    expect(r.stdout).toMatch(/\nPOD ID {14}CREATED {13}STATE {15}NAME {16}NAMESPACE {11}ATTEMPT {13}RUNTIME\n|POD ID +CREATED +STATE +NAME +NAMESPACE +ATTEMPT +RUNTIME\n/);
    expect(r.stdout).toMatch(/Ready +kube-proxy-[a-z0-9]{5} +kube-system +0 +\(default\)\n/);
    expect(r.stdout).toMatch(/ nginx +0 +[0-9a-f]{13} +web\n/);
    expect(r.stdout).not.toContain('coredns');
  });

  it('inspect shows the container of an ID prefix', async () => {
    const sim = createSimulation({ seed: 1 });
    const ids = (await sim.exec('ssh node-2\ncrictl ps -q\nexit')).stdout.match(/^[0-9a-f]{64}$/gm) ?? [];
    expect(ids.length).toBeGreaterThan(0);
    const id = ids[0] ?? '';
    const r = await sim.exec(`ssh node-2\ncrictl inspect ${id.slice(0, 13)}\nexit`);
    expect(r.stdout).toContain(`"id": "${id}"`);
    expect(r.stdout).toContain('"state": "CONTAINER_RUNNING"');
  });

  it('go-units durations', () => {
    expect(goUnitsDuration(500)).toBe('Less than a second');
    expect(goUnitsDuration(45_000)).toBe('45 seconds');
    expect(goUnitsDuration(61_000)).toBe('About a minute');
    expect(goUnitsDuration(3_600_000)).toBe('About an hour');
    expect(goUnitsDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3 days');
  });
});
