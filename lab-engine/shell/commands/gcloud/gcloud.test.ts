// gcloud on a kubenet cluster: the VPC route table the route controller keeps, compared with a
// golden file (testdata/routes-list.txt, laid out as gcloud prints it: Kubernetes The Hard Way's
// 11-pod-network-routes.md output), and the IAM calls that decide whether the controller may write.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../simulation/simulation';
import { ROUTE_RECONCILIATION_PERIOD_MS } from '../../../cluster/cloud-routes/route-controller';

const golden = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8').replace(/^#.*\n/gm, '');

function kubenet() {
  return createSimulation({ seed: 1, topology: { cni: 'kubenet', proxyMode: 'iptables' } });
}

describe('gcloud compute routes', () => {
  it('lists the subnet route, the internet route and one kubernetes-<uid> route per node', async () => {
    const sim = kubenet();
    const r = await sim.exec('gcloud compute routes list');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(golden('routes-list.txt'));
    for (const n of sim.cluster.list('nodes')) expect(r.stdout).toContain(`kubernetes-${n.metadata.uid}  default  ${n.spec.podCIDR}  europe-west1-b/instances/${n.metadata.name}`);
  });

  it('delete removes a route; with the controller able to write it is back within a period', async () => {
    const sim = kubenet();
    const uid = sim.cluster.get('nodes', undefined, 'node-2')!.metadata.uid!;
    const del = await sim.exec(`gcloud compute routes delete kubernetes-${uid} --quiet`);
    expect(del).toMatchObject({ exitCode: 0, stderr: `Deleted [https://www.googleapis.com/compute/v1/projects/flatnet-prod/global/routes/kubernetes-${uid}].\n` });
    expect((await sim.exec('gcloud compute routes list')).stdout).not.toContain(uid);
    sim.cluster.advanceTo(sim.cluster.now() + ROUTE_RECONCILIATION_PERIOD_MS);
    expect((await sim.exec('gcloud compute routes list')).stdout).toContain(`kubernetes-${uid}`);
  });

  it('rejects unknown flags and missing routes like gcloud', async () => {
    const sim = kubenet();
    expect(await sim.exec('gcloud compute routes list --sort-by=name')).toMatchObject({ exitCode: 2, stderr: 'ERROR: (gcloud.compute.routes.list) unrecognized arguments: --sort-by=name\n' });
    expect((await sim.exec('gcloud compute routes delete nope')).stderr).toContain("The resource 'projects/flatnet-prod/global/routes/nope' was not found");
    expect((await sim.exec('gcloud --help')).exitCode).toBe(0);
  });

  it('says there is no cloud on a cluster whose CNI needs no cloud routes', async () => {
    const sim = createSimulation({ seed: 1 });
    expect((await sim.exec('gcloud compute routes list')).exitCode).toBe(1);
  });
});

describe('gcloud projects IAM', () => {
  it('removing the control plane account\'s networkAdmin role leaves a deleted route missing, NoRouteCreated on the node', async () => {
    const sim = kubenet();
    const sa = 'serviceAccount:k8s-control-plane@flatnet-prod.iam.gserviceaccount.com';
    const rm = await sim.exec(`gcloud projects remove-iam-policy-binding flatnet-prod --member=${sa} --role=roles/compute.networkAdmin`);
    expect(rm.stderr).toBe('Updated IAM policy for project [flatnet-prod].\n');
    expect(rm.stdout).not.toContain('k8s-control-plane');
    const uid = sim.cluster.get('nodes', undefined, 'node-2')!.metadata.uid!;
    await sim.exec(`gcloud compute routes delete kubernetes-${uid} -q`);
    sim.cluster.advanceTo(sim.cluster.now() + ROUTE_RECONCILIATION_PERIOD_MS);
    expect((await sim.exec('gcloud compute routes list')).stdout).not.toContain(uid);
    const cond = sim.cluster.get('nodes', undefined, 'node-2')!.status.conditions.find((c) => c.type === 'NetworkUnavailable');
    expect(cond).toMatchObject({ status: 'True', reason: 'NoRouteCreated' });
    const again = await sim.exec(`gcloud projects remove-iam-policy-binding flatnet-prod --member ${sa} --role roles/compute.networkAdmin`);
    expect(again).toMatchObject({ exitCode: 1, stderr: 'ERROR: Policy binding with the specified principal, role, and condition not found!\n' });
    await sim.exec(`gcloud projects add-iam-policy-binding flatnet-prod --member=${sa} --role=roles/compute.networkAdmin`);
    expect((await sim.exec('gcloud projects get-iam-policy flatnet-prod')).stdout).toContain(`- members:\n  - ${sa}\n  role: roles/compute.networkAdmin\n`);
    sim.cluster.advanceTo(sim.cluster.now() + ROUTE_RECONCILIATION_PERIOD_MS);
    expect((await sim.exec('gcloud compute routes list')).stdout).toContain(uid);
  });

  it('off a cloud whose routes carry pod traffic has no active account, in gcloud\'s words', async () => {
    const sim = createSimulation({ seed: 1, topology: { cni: 'calico', proxyMode: 'iptables' } });
    const r = await sim.exec('gcloud compute routes list');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^ERROR: \(gcloud\.compute\.routes\.list\) You do not currently have an active account selected\.\nPlease run:\n\n {2}\$ gcloud auth login\n\nto obtain new credentials\.\n/);
  });
});
