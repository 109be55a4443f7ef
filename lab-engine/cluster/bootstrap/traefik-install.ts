// Traefik as a second ingress controller (its Helm chart's defaults, on a NodePort Service for a
// bare-metal cluster): namespace traefik, the Deployment `traefik` with entry points web (:8000)
// and websecure (:8443), the Service `traefik` mapping 80 and 443 to them, and the IngressClass
// `traefik` (controller traefik.io/ingress-controller). With ingress-nginx beside it, each serves
// only the Ingresses whose ingressClassName names its class.

import { DEFAULT_NODES } from '../../core/cluster-plan';
import { addNamespace, addSystemDeployment, type BootstrapTarget } from './system-objects';
import { admitIngressClass } from '../ingress-admission';
import { INGRESS_CONTROLLERS } from '../ingress-status';
import { admitService } from '../service-admission';
import { rfc3339 } from '../time-format';
import { newUid } from '../uid';

export const TRAEFIK_VERSION = 'v3.5.3';

const LABELS = { 'app.kubernetes.io/instance': 'traefik-traefik', 'app.kubernetes.io/name': 'traefik' };

export function installTraefik(t: BootstrapTarget, at: number): void {
  const info = INGRESS_CONTROLLERS.traefik;
  addNamespace(t, info.namespace, at);
  t.store.create('services', admitService({
    name: info.service,
    namespace: info.namespace,
    labels: LABELS,
    type: 'NodePort',
    selector: LABELS,
    ports: [
      { name: 'web', port: 80, protocol: 'TCP', targetPort: 'web' },
      { name: 'websecure', port: 443, protocol: 'TCP', targetPort: 'websecure' },
    ],
  }, t.serviceAlloc, newUid(t.rng), rfc3339(at)));
  addSystemDeployment(t, {
    name: 'traefik',
    namespace: info.namespace,
    labels: LABELS,
    replicas: 1,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
    selector: { matchLabels: LABELS },
    template: {
      labels: LABELS,
      containers: [{
        name: 'traefik',
        image: `traefik:${TRAEFIK_VERSION}`,
        imagePullPolicy: 'IfNotPresent',
        args: ['--entryPoints.metrics.address=:9100/tcp', '--entryPoints.traefik.address=:8080/tcp', '--entryPoints.web.address=:8000/tcp', '--entryPoints.websecure.address=:8443/tcp', '--api.dashboard=true', '--ping=true', '--providers.kubernetesingress', '--providers.kubernetesingress.ingressclass=traefik'],
        ports: [
          { containerPort: 9100, name: 'metrics', protocol: 'TCP' },
          { containerPort: 8080, name: 'traefik', protocol: 'TCP' },
          { containerPort: 8000, name: 'web', protocol: 'TCP' },
          { containerPort: 8443, name: 'websecure', protocol: 'TCP' },
        ],
      }],
      serviceAccountName: 'traefik',
      terminationGracePeriodSeconds: 60,
    },
  }, DEFAULT_NODES[2], at, at + 10_000);
  t.store.create('ingressclasses', admitIngressClass({ name: info.className, labels: LABELS, controller: info.controller }, newUid(t.rng), rfc3339(at)));
}
