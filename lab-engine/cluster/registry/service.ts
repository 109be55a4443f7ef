// Services (core/v1): strict decoding, defaulting, validation and the all-or-nothing ClusterIP /
// NodePort allocation (service-admission.ts); on update the ClusterIP may not change, node ports
// the request leaves out keep their allocation and a refused update leaves the Service and the
// allocators as they were; a delete gives the allocations back. printService's Table
// (getServiceExternalIP, makePortString, the LoadBalancer ingress clipped at 16 characters unless
// -o wide, SELECTOR with -o wide).

import { alreadyExists, invalid } from '../../kube/api-errors';
import type { Service } from '../../kube/types';
import { admitService, releaseService, serviceRequestOf, type ServiceRequest } from '../service-admission';
import { rfc3339 } from '../time-format';
import { arr, metaOf, num, obj, str, strList, strMap, type Obj } from './decode';
import { columns, type KindRegistry } from './kind-registry';
import { ROOT } from './strict-fields';
import { ageSince, formatLabels } from './table-cells';

export const serviceRegistry: KindRegistry<'services', ServiceRequest> = {
  info: { resource: 'services', singular: 'service', kind: 'Service', shortNames: ['svc'], namespaced: true, apiVersion: 'v1', group: '' },
  fields: ROOT({
    type: true, selector: '*', ports: { name: true, protocol: true, appProtocol: true, port: true, targetPort: true, nodePort: true }, clusterIP: true, clusterIPs: true, externalName: true, externalIPs: true,
    externalTrafficPolicy: true, internalTrafficPolicy: true, sessionAffinity: true, sessionAffinityConfig: { clientIP: { timeoutSeconds: true } }, loadBalancerIP: true, loadBalancerSourceRanges: true,
    loadBalancerClass: true, publishNotReadyAddresses: true, ipFamilies: true, ipFamilyPolicy: true, allocateLoadBalancerNodePorts: true, healthCheckNodePort: true, trafficDistribution: true,
  }),
  decode: serviceRequest,
  create(req, ctx) {
    // Storage refuses a taken name before the allocators hand anything out.
    if (ctx.get('services', req.namespace, req.name)) throw alreadyExists('services', req.name);
    return admitService(req, ctx.serviceAllocators, ctx.newUid(), rfc3339(ctx.now));
  },
  update(old, req, ctx) {
    if (req.clusterIP !== undefined && req.clusterIP !== old.spec.clusterIP) {
      throw invalid('Service', req.name, [{ field: 'spec.clusterIPs[0]', message: `Invalid value: []string{"${req.clusterIP}"}: may not change once set` }]);
    }
    const keep: ServiceRequest = {
      ...req,
      ...(old.spec.clusterIP && old.spec.clusterIP !== 'None' ? { clusterIP: old.spec.clusterIP } : {}),
      ports: req.ports?.map((p) => ({ ...p, nodePort: p.nodePort ?? old.spec.ports?.find((o) => o.port === p.port && o.protocol === (p.protocol ?? 'TCP'))?.nodePort })),
    };
    dropTypeDependentFields(keep, old);
    const alloc = ctx.serviceAllocators;
    releaseService(old, alloc);
    let svc: Service;
    try {
      svc = admitService(keep, alloc, old.metadata.uid, old.metadata.creationTimestamp);
    } catch (error) {
      admitService(serviceRequestOf(old), alloc, old.metadata.uid, old.metadata.creationTimestamp);
      throw error;
    }
    old.metadata.labels = svc.metadata.labels;
    old.metadata.annotations = svc.metadata.annotations;
    old.spec = svc.spec;
    old.status = svc.status;
  },
  requestOf: serviceRequestOf,
  afterDelete: (svc, ctx) => releaseService(svc, ctx.serviceAllocators),
  columns: columns(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'], ['SELECTOR']),
  cells: (svc, o) => [svc.metadata.name, svc.spec.type, svc.spec.clusterIPs?.[0] ?? '<none>', serviceExternalIP(svc, o.wide), servicePorts(svc), ageSince(svc.metadata.creationTimestamp, o.nowMs), formatLabels(svc.spec.selector)],
};

/**
 * kube-apiserver's dropTypeDependentFields on update: a Service changed to a type that has no use
 * for node ports (ClusterIP, ExternalName) loses the ones it had and its externalTrafficPolicy,
 * as long as the request left them as they were; a net-new nodePort still fails validation.
 */
function dropTypeDependentFields(req: ServiceRequest, old: Service): void {
  const needsNodePorts = (type: string | undefined) => type === 'NodePort' || type === 'LoadBalancer';
  if (!needsNodePorts(old.spec.type) || needsNodePorts(req.type ?? 'ClusterIP')) return;
  const held = new Set((old.spec.ports ?? []).map((p) => p.nodePort));
  if ((req.ports ?? []).every((p) => p.nodePort === undefined || held.has(p.nodePort))) {
    for (const port of req.ports ?? []) delete port.nodePort;
  }
  if (req.externalTrafficPolicy === old.spec.externalTrafficPolicy) delete req.externalTrafficPolicy;
}

function lbStatus(svc: Service, wide: boolean): string {
  const text = (svc.status.loadBalancer.ingress ?? []).map((i) => i.ip).join(',');
  return !wide && text.length > 16 ? `${text.slice(0, 13)}...` : text;
}

function serviceExternalIP(svc: Service, wide: boolean): string {
  const external = svc.spec.externalIPs ?? [];
  switch (svc.spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return external.length ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = lbStatus(svc, wide);
      if (external.length) return [...(lb ? lb.split(',') : []), ...external].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec.externalName ?? '';
    default: {
      const never: never = svc.spec.type;
      return never;
    }
  }
}

function servicePorts(svc: Service): string {
  const text = (svc.spec.ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`)).join(',');
  return text || '<none>';
}

function serviceRequest(o: Obj, namespace: string): ServiceRequest {
  const meta = metaOf(o, namespace);
  const spec = obj(o.spec, 'Service.spec') ?? {};
  const ports = arr(spec.ports, 'ServiceSpec.ports')?.map((p) => {
    const po = obj(p, 'ServiceSpec.ports') ?? {};
    const tp = po.targetPort;
    const name = str(po.name, 'ServicePort.name');
    const protocol = str(po.protocol, 'ServicePort.protocol');
    const nodePort = num(po.nodePort, 'ServicePort.nodePort');
    return {
      port: num(po.port, 'ServicePort.port') ?? 0,
      ...(name ? { name } : {}),
      ...(protocol ? { protocol: protocol as 'TCP' } : {}),
      ...(tp !== undefined && tp !== null ? { targetPort: typeof tp === 'number' ? tp : (str(tp, 'ServicePort.targetPort') as string) } : {}),
      ...(nodePort !== undefined ? { nodePort } : {}),
    };
  });
  const pick = <K extends keyof ServiceRequest>(key: K, v: ServiceRequest[K] | undefined) => (v !== undefined ? { [key]: v } : {});
  const affinity = obj(obj(spec.sessionAffinityConfig, 'ServiceSpec.sessionAffinityConfig')?.clientIP, 'SessionAffinityConfig.clientIP');
  return {
    ...meta,
    ...pick('type', str(spec.type, 'ServiceSpec.type') as ServiceRequest['type']),
    ...pick('selector', strMap(spec.selector, 'ServiceSpec.selector')),
    ...pick('ports', ports),
    ...pick('clusterIP', str(spec.clusterIP, 'ServiceSpec.clusterIP')),
    ...pick('externalName', str(spec.externalName, 'ServiceSpec.externalName')),
    ...pick('externalIPs', strList(spec.externalIPs, 'ServiceSpec.externalIPs')),
    ...pick('externalTrafficPolicy', str(spec.externalTrafficPolicy, 'ServiceSpec.externalTrafficPolicy') as ServiceRequest['externalTrafficPolicy']),
    ...pick('internalTrafficPolicy', str(spec.internalTrafficPolicy, 'ServiceSpec.internalTrafficPolicy') as ServiceRequest['internalTrafficPolicy']),
    ...pick('sessionAffinity', str(spec.sessionAffinity, 'ServiceSpec.sessionAffinity') as ServiceRequest['sessionAffinity']),
    ...pick('sessionAffinityTimeoutSeconds', num(affinity?.timeoutSeconds, 'ClientIPConfig.timeoutSeconds')),
    ...pick('loadBalancerIP', str(spec.loadBalancerIP, 'ServiceSpec.loadBalancerIP')),
    ...pick('publishNotReadyAddresses', spec.publishNotReadyAddresses === true ? true : undefined),
    ...pick('ipFamilies', strList(spec.ipFamilies, 'ServiceSpec.ipFamilies')),
    ...pick('ipFamilyPolicy', str(spec.ipFamilyPolicy, 'ServiceSpec.ipFamilyPolicy')),
  };
}
