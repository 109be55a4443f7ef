// A reachability check's `backends`: does the Service send to the workload it fronts? Read from
// what kube-proxy reads (the Service's discovery.k8s.io/v1 EndpointSlices, not the deprecated v1
// Endpoints) and from the pods' ownerReferences: as many ready endpoints as the Deployment has
// replicas, each a pod whose controller is a ReplicaSet the Deployment controls. A pod relabelled
// to match a Service's selector passes for an endpoint, but its ReplicaSet has released it, so
// the Deployment neither counts nor replaces it: that is what this catches.

import type { ObjectOf, Simulation } from '../../simulation/contract';
import type { BackendsProblem } from '../reachability-feedback';

type OwnerReferences = ObjectOf<'pods'>['metadata']['ownerReferences'];

/** The first thing wrong with Service `namespace/service`'s backends, or undefined when they are exactly the Deployment's ready replicas. */
export function backendsProblem(sim: Simulation, namespace: string, service: string, deploymentName: string): BackendsProblem | undefined {
  const view = sim.view();
  const deployment = view.get('deployments', namespace, deploymentName);
  if (!deployment) return { kind: 'no-deployment', deployment: deploymentName };
  const slices = view.list('endpointslices', namespace, `kubernetes.io/service-name=${service}`);
  const ready = new Map<string, { address: string; pod?: string }>();
  let notReady = 0;
  for (const slice of slices) {
    for (const endpoint of slice.endpoints) {
      const address = endpoint.addresses[0];
      if (address === undefined) continue;
      // EndpointConditions: a nil ready means ready; the simulated slices always set it.
      if (endpoint.conditions.ready === false) notReady++;
      else ready.set(address, { address, ...(endpoint.targetRef?.kind === 'Pod' ? { pod: endpoint.targetRef.name } : {}) });
    }
  }
  for (const endpoint of ready.values()) {
    const owner = endpoint.pod === undefined ? undefined : ownerOf(sim, namespace, endpoint.pod);
    const name = endpoint.pod === undefined ? endpoint.address : `pod ${namespace}/${endpoint.pod}`;
    if (owner?.deployment !== deployment.metadata.uid) return { kind: 'foreign-endpoint', deployment: deploymentName, endpoint: name, ...(owner ? { owner: owner.text } : {}) };
  }
  const replicas = deployment.spec.replicas;
  if (ready.size !== replicas) return { kind: 'count', deployment: deploymentName, ready: ready.size, replicas, notReady };
  return undefined;
}

/** The pod's controller, and the uid of the Deployment that controls that ReplicaSet (if one does). */
function ownerOf(sim: Simulation, namespace: string, podName: string): { text: string; deployment?: string } | undefined {
  const view = sim.view();
  const pod = view.get('pods', namespace, podName);
  const controller = controllerOf(pod?.metadata.ownerReferences);
  if (!controller) return undefined;
  if (controller.kind !== 'ReplicaSet') return { text: `${controller.kind} ${controller.name}` };
  const rs = view.get('replicasets', namespace, controller.name);
  const rsController = rs?.metadata.uid === controller.uid ? controllerOf(rs.metadata.ownerReferences) : undefined;
  if (rsController?.kind !== 'Deployment') return { text: `ReplicaSet ${controller.name}` };
  return { text: `ReplicaSet ${controller.name} of Deployment ${rsController.name}`, deployment: rsController.uid };
}

function controllerOf(refs: OwnerReferences) {
  return refs?.find((ref) => ref.controller === true);
}
