// ingress-nginx as its bare-metal manifest installs it (deploy/static/provider/baremetal): the
// ingress-nginx namespace, the controller Deployment (container `controller`, ports http 80,
// https 443, webhook 8443), the `ingress-nginx-controller` NodePort Service, its admission
// Service, its ConfigMap, and the IngressClass `nginx` (controller k8s.io/ingress-nginx, not the
// default class: an Ingress must name it). Installed with the cluster when a lab asks for it.

import { DEFAULT_NODES } from '../../core/cluster-plan';
import { addNamespace, addSystemDeployment, type BootstrapTarget } from './system-objects';
import { admitIngressClass } from '../ingress-admission';
import { NGINX_CONTROLLER, NGINX_CONTROLLER_IMAGE } from '../ingress-status';
import { admitService } from '../service-admission';
import { rfc3339 } from '../time-format';
import { newUid } from '../uid';

export const INGRESS_NGINX_NAMESPACE = 'ingress-nginx';
export const INGRESS_NGINX_VERSION = 'v1.13.3';

const LABELS = { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/part-of': 'ingress-nginx', 'app.kubernetes.io/version': INGRESS_NGINX_VERSION.slice(1) };
const SELECTOR = { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' };

export function installIngressNginx(t: BootstrapTarget, at: number): void {
  const ns = INGRESS_NGINX_NAMESPACE;
  addNamespace(t, ns, at);
  t.store.create('configmaps', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'ingress-nginx-controller', namespace: ns, uid: newUid(t.rng), resourceVersion: '', creationTimestamp: rfc3339(at), labels: LABELS },
    data: { 'allow-snippet-annotations': 'false' },
  });
  const ports = [
    { name: 'http', port: 80, protocol: 'TCP' as const, targetPort: 'http', appProtocol: 'http' },
    { name: 'https', port: 443, protocol: 'TCP' as const, targetPort: 'https', appProtocol: 'https' },
  ];
  t.store.create('services', admitService({ name: 'ingress-nginx-controller', namespace: ns, labels: LABELS, type: 'NodePort', selector: SELECTOR, ports, externalTrafficPolicy: 'Cluster' }, t.serviceAlloc, newUid(t.rng), rfc3339(at)));
  t.store.create('services', admitService({ name: 'ingress-nginx-controller-admission', namespace: ns, labels: LABELS, selector: SELECTOR, ports: [{ name: 'https-webhook', port: 443, protocol: 'TCP', targetPort: 'webhook' }] }, t.serviceAlloc, newUid(t.rng), rfc3339(at)));
  addSystemDeployment(t, {
    name: 'ingress-nginx-controller',
    namespace: ns,
    labels: LABELS,
    replicas: 1,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
    selector: { matchLabels: SELECTOR },
    template: {
      labels: LABELS,
      containers: [{
        name: 'controller',
        image: `${NGINX_CONTROLLER_IMAGE}:${INGRESS_NGINX_VERSION}`,
        imagePullPolicy: 'IfNotPresent',
        args: ['/nginx-ingress-controller', '--election-id=ingress-nginx-leader', `--controller-class=${NGINX_CONTROLLER}`, '--ingress-class=nginx', '--configmap=$(POD_NAMESPACE)/ingress-nginx-controller', '--validating-webhook=:8443', '--validating-webhook-certificate=/usr/local/certificates/cert', '--validating-webhook-key=/usr/local/certificates/key'],
        ports: [
          { containerPort: 80, name: 'http', protocol: 'TCP' },
          { containerPort: 443, name: 'https', protocol: 'TCP' },
          { containerPort: 8443, name: 'webhook', protocol: 'TCP' },
        ],
      }],
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      serviceAccountName: 'ingress-nginx',
      terminationGracePeriodSeconds: 300,
    },
  }, DEFAULT_NODES[1], at, at + 10_000);
  t.store.create('ingressclasses', admitIngressClass({ name: 'nginx', labels: LABELS, controller: NGINX_CONTROLLER }, newUid(t.rng), rfc3339(at)));
}
