// Ingress and IngressClass manifests to admission requests. Values of the wrong JSON type are
// refused while decoding, as the API server's decoder does (TypeMismatch → kubectl's message).

import type { IngressClassRequest, IngressRequest } from '../ingress-admission';
import type { IngressPath, IngressRule, IngressServiceBackend } from '../../kube/types';
import { arr, metaOf, num as int, obj, str, type Obj } from './decode';

function backend(v: unknown, field: string): IngressServiceBackend | undefined {
  const b = obj(v, field);
  if (!b) return undefined;
  const service = obj(b.service, 'IngressBackend.service');
  if (!service) return {} as IngressServiceBackend;
  const port = obj(service.port, 'IngressServiceBackend.port') ?? {};
  const number = int(port.number, 'ServiceBackendPort.number');
  const name = str(port.name, 'ServiceBackendPort.name');
  return { service: { name: str(service.name, 'IngressServiceBackend.name') ?? '', port: { ...(number !== undefined ? { number } : {}), ...(name ? { name } : {}) } } };
}

function rule(v: unknown): IngressRule {
  const r = obj(v, 'IngressSpec.rules') ?? {};
  const host = str(r.host, 'IngressRule.host');
  const http = obj(r.http, 'IngressRuleValue.http');
  const paths = http ? (arr(http.paths, 'HTTPIngressRuleValue.paths') ?? []).map((p): IngressPath => {
    const po = obj(p, 'HTTPIngressRuleValue.paths') ?? {};
    const path = str(po.path, 'HTTPIngressPath.path');
    return { ...(path !== undefined ? { path } : {}), pathType: str(po.pathType, 'HTTPIngressPath.pathType') as IngressPath['pathType'], backend: backend(po.backend, 'HTTPIngressPath.backend') as IngressServiceBackend };
  }) : undefined;
  return { ...(host ? { host } : {}), ...(paths ? { http: { paths } } : {}) };
}

export function ingressRequest(o: Obj, namespace: string): IngressRequest {
  const spec = obj(o.spec, 'Ingress.spec') ?? {};
  const tls = arr(spec.tls, 'IngressSpec.tls')?.map((t) => {
    const to = obj(t, 'IngressSpec.tls') ?? {};
    const hosts = arr(to.hosts, 'IngressTLS.hosts')?.map((h) => str(h, 'IngressTLS.hosts') ?? '');
    const secretName = str(to.secretName, 'IngressTLS.secretName');
    return { ...(hosts ? { hosts } : {}), ...(secretName ? { secretName } : {}) };
  });
  const rules = arr(spec.rules, 'IngressSpec.rules')?.map(rule);
  const defaultBackend = backend(spec.defaultBackend, 'IngressSpec.defaultBackend');
  const ingressClassName = str(spec.ingressClassName, 'IngressSpec.ingressClassName');
  return { ...metaOf(o, namespace), ...(ingressClassName ? { ingressClassName } : {}), ...(defaultBackend ? { defaultBackend } : {}), ...(tls ? { tls } : {}), ...(rules ? { rules } : {}) };
}

export function ingressClassRequest(o: Obj): IngressClassRequest {
  const spec = obj(o.spec, 'IngressClass.spec') ?? {};
  const parameters = obj(spec.parameters, 'IngressClassSpec.parameters');
  const { name, labels, annotations } = metaOf(o, '');
  return {
    name,
    ...(labels ? { labels } : {}),
    ...(annotations ? { annotations } : {}),
    controller: str(spec.controller, 'IngressClassSpec.controller') ?? '',
    ...(parameters ? { parameters: { kind: String(parameters.kind ?? ''), name: String(parameters.name ?? ''), ...(parameters.apiGroup ? { apiGroup: String(parameters.apiGroup) } : {}) } } : {}),
  };
}
