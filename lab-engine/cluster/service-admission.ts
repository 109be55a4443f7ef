// What the API server does with a new Service: defaulting (type ClusterIP, TCP, targetPort =
// port, sessionAffinity None, internal/external traffic policy Cluster, SingleStack IPv4, the
// ClientIP timeout of 10800 s), validation with pkg/apis/core/validation's field paths and
// messages, and allocation (ClusterIP, NodePorts, healthCheckNodePort for Local LoadBalancers)
// that is all-or-nothing: a refused Service leaves every allocator as it was.

import type { StatusCause } from '../kube/api-errors';
import { invalid } from '../kube/api-errors';
import type { ServiceAllocators } from './service-allocators';
import type { Protocol, Service, ServicePort, ServiceType } from '../kube/types';
import { ipFamilyAllocation, ipFamilyValidation, type IpFamilyPolicy } from './service-ip-families';

export interface ServicePortRequest {
  name?: string;
  protocol?: Protocol;
  appProtocol?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
}

export interface ServiceRequest {
  name: string;
  namespace: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  type?: ServiceType;
  selector?: Record<string, string>;
  ports?: ServicePortRequest[];
  clusterIP?: string;
  externalName?: string;
  externalIPs?: string[];
  externalTrafficPolicy?: 'Cluster' | 'Local';
  internalTrafficPolicy?: 'Cluster' | 'Local';
  sessionAffinity?: 'None' | 'ClientIP';
  sessionAffinityTimeoutSeconds?: number;
  loadBalancerIP?: string;
  loadBalancerSourceRanges?: string[];
  publishNotReadyAddresses?: boolean;
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
}

const TYPES: ServiceType[] = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_MESSAGE =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function validate(req: ServiceRequest): StatusCause[] {
  const causes: StatusCause[] = [];
  const type = req.type ?? 'ClusterIP';
  if (!req.name) causes.push({ field: 'metadata.name', message: 'Required value: name or generateName is required' });
  else if (req.name.length > 63) causes.push({ field: 'metadata.name', message: `Invalid value: "${req.name}": must be no more than 63 characters` });
  else if (!DNS1035.test(req.name)) causes.push({ field: 'metadata.name', message: `Invalid value: "${req.name}": ${DNS1035_MESSAGE}` });
  if (!TYPES.includes(type)) {
    causes.push({ field: 'spec.type', message: `Unsupported value: "${type}": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"` });
    return causes;
  }
  const ports = req.ports ?? [];
  const headless = req.clusterIP === 'None';
  if (type === 'ExternalName') {
    if (!req.externalName) causes.push({ field: 'spec.externalName', message: 'Required value' });
  } else if (ports.length === 0 && !headless) {
    causes.push({ field: 'spec.ports', message: 'Required value' });
  }
  if (req.clusterIP && req.clusterIP !== 'None' && !IPV4.test(req.clusterIP)) {
    causes.push({ field: 'spec.clusterIPs[0]', message: `Invalid value: "${req.clusterIP}": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)` });
  }
  if (headless && (type === 'NodePort' || type === 'LoadBalancer')) {
    causes.push({ field: 'spec.clusterIPs[0]', message: `Invalid value: "None": may not be set to 'None' for ${type} services` });
  }
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const path = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) causes.push({ field: `${path}.name`, message: 'Required value' });
    else if (p.name && (p.name.length > 63 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(p.name))) {
      causes.push({ field: `${path}.name`, message: `Invalid value: "${p.name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')` });
    }
    if (p.name && seen.has(p.name)) causes.push({ field: `${path}.name`, message: `Duplicate value: "${p.name}"` });
    if (p.name) seen.add(p.name);
    if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) causes.push({ field: `${path}.port`, message: `Invalid value: ${p.port}: must be between 1 and 65535, inclusive` });
    const protocol = p.protocol ?? 'TCP';
    if (!['TCP', 'UDP', 'SCTP'].includes(protocol)) causes.push({ field: `${path}.protocol`, message: `Unsupported value: "${protocol}": supported values: "SCTP", "TCP", "UDP"` });
    if (typeof p.targetPort === 'number' && (p.targetPort < 1 || p.targetPort > 65535)) {
      causes.push({ field: `${path}.targetPort`, message: `Invalid value: ${p.targetPort}: must be between 1 and 65535, inclusive` });
    }
    if (typeof p.targetPort === 'string' && (p.targetPort.length > 15 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(p.targetPort) || !/[a-z]/.test(p.targetPort))) {
      causes.push({ field: `${path}.targetPort`, message: `Invalid value: "${p.targetPort}": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)` });
    }
    if (p.nodePort && type !== 'NodePort' && type !== 'LoadBalancer') causes.push({ field: `${path}.nodePort`, message: `Forbidden: may not be used when \`type\` is '${type}'` });
  });
  if (req.externalTrafficPolicy && type !== 'NodePort' && type !== 'LoadBalancer') {
    causes.push({ field: 'spec.externalTrafficPolicy', message: `Invalid value: "${req.externalTrafficPolicy}": may only be set when \`type\` is 'NodePort' or 'LoadBalancer'` });
  }
  if (req.externalTrafficPolicy && !['Cluster', 'Local'].includes(req.externalTrafficPolicy)) {
    causes.push({ field: 'spec.externalTrafficPolicy', message: `Unsupported value: "${req.externalTrafficPolicy}": supported values: "Cluster", "Local"` });
  }
  if (req.sessionAffinity && !['None', 'ClientIP'].includes(req.sessionAffinity)) {
    causes.push({ field: 'spec.sessionAffinity', message: `Unsupported value: "${req.sessionAffinity}": supported values: "ClientIP", "None"` });
  }
  const timeout = req.sessionAffinityTimeoutSeconds;
  if (timeout !== undefined && (timeout <= 0 || timeout > 86400)) {
    causes.push({ field: 'spec.sessionAffinityConfig.clientIP.timeoutSeconds', message: `Invalid value: ${timeout}: must be greater than 0 and less than 86400` });
  }
  return causes;
}

/** A complete Service as stored, its allocations made; throws ApiError (Invalid) and leaves the allocators untouched on any error. */
export function admitService(req: ServiceRequest, alloc: ServiceAllocators, uid: string, createdAt: string): Service {
  const type = req.type ?? 'ClusterIP';
  const causes = [...validate(req), ...(type !== 'ExternalName' ? ipFamilyValidation(req) : [])];
  if (causes.length) throw invalid('Service', req.name, causes);
  const familyCauses = type !== 'ExternalName' ? ipFamilyAllocation(req) : [];
  if (familyCauses.length) throw invalid('Service', req.name, familyCauses);
  const owner = `${req.namespace}/${req.name}`;
  const taken: (() => void)[] = [];
  const fail = (cause: StatusCause) => {
    for (const undo of taken) undo();
    throw invalid('Service', req.name, [cause]);
  };
  let clusterIP: string | undefined;
  if (type !== 'ExternalName') {
    if (req.clusterIP === 'None') clusterIP = 'None';
    else if (req.clusterIP) {
      const err = alloc.allocateClusterIP(req.clusterIP, owner);
      if (err) fail({ field: 'spec.clusterIPs', message: `Invalid value: []string{"${req.clusterIP}"}: ${err.error}` });
      clusterIP = req.clusterIP;
      taken.push(() => alloc.releaseClusterIP(clusterIP));
    } else {
      clusterIP = alloc.nextClusterIP(owner);
      const ip = clusterIP;
      taken.push(() => alloc.releaseClusterIP(ip));
    }
  }
  const wantsNodePorts = type === 'NodePort' || type === 'LoadBalancer';
  const ports: ServicePort[] = [];
  (req.ports ?? []).forEach((p, i) => {
    const port: ServicePort = {
      ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
      ...(p.name ? { name: p.name } : {}),
      port: p.port,
      protocol: p.protocol ?? 'TCP',
      targetPort: p.targetPort ?? p.port,
    };
    if (wantsNodePorts) {
      if (p.nodePort) {
        const err = alloc.allocateNodePort(p.nodePort, owner);
        if (err) fail({ field: `spec.ports[${i}].nodePort`, message: `Invalid value: ${p.nodePort}: ${err.error}` });
        port.nodePort = p.nodePort;
      } else {
        port.nodePort = alloc.nextNodePort(owner);
      }
      const np = port.nodePort;
      taken.push(() => alloc.releaseNodePort(np));
    }
    ports.push(port);
  });
  const externalPolicy = wantsNodePorts ? (req.externalTrafficPolicy ?? 'Cluster') : undefined;
  let healthCheckNodePort: number | undefined;
  if (type === 'LoadBalancer' && externalPolicy === 'Local') healthCheckNodePort = alloc.nextNodePort(owner);
  const affinity = req.sessionAffinity ?? 'None';
  const service: Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      ...(req.annotations && Object.keys(req.annotations).length ? { annotations: { ...req.annotations } } : {}),
      creationTimestamp: createdAt,
      ...(req.labels && Object.keys(req.labels).length ? { labels: { ...req.labels } } : {}),
      name: req.name,
      namespace: req.namespace,
      resourceVersion: '',
      uid,
    },
    spec: {
      ...(type === 'LoadBalancer' ? { allocateLoadBalancerNodePorts: true } : {}),
      ...(clusterIP ? { clusterIP, clusterIPs: [clusterIP] } : {}),
      ...(req.externalIPs?.length ? { externalIPs: [...req.externalIPs] } : {}),
      ...(req.externalName ? { externalName: req.externalName } : {}),
      ...(externalPolicy ? { externalTrafficPolicy: externalPolicy } : {}),
      ...(healthCheckNodePort ? { healthCheckNodePort } : {}),
      ...(type !== 'ExternalName' ? { internalTrafficPolicy: req.internalTrafficPolicy ?? 'Cluster', ipFamilies: ['IPv4' as const], ipFamilyPolicy: (req.ipFamilyPolicy as IpFamilyPolicy | undefined) ?? 'SingleStack' } : {}),
      ...(req.loadBalancerIP ? { loadBalancerIP: req.loadBalancerIP } : {}),
      ...(req.loadBalancerSourceRanges?.length ? { loadBalancerSourceRanges: [...req.loadBalancerSourceRanges] } : {}),
      ...(ports.length ? { ports } : {}),
      ...(req.publishNotReadyAddresses ? { publishNotReadyAddresses: true } : {}),
      ...(req.selector && Object.keys(req.selector).length ? { selector: { ...req.selector } } : {}),
      sessionAffinity: affinity,
      ...(affinity === 'ClientIP' ? { sessionAffinityConfig: { clientIP: { timeoutSeconds: req.sessionAffinityTimeoutSeconds ?? 10800 } } } : {}),
      type,
    },
    status: { loadBalancer: {} },
  };
  return service;
}

/** Gives back everything a Service held. */
export function releaseService(svc: Service, alloc: ServiceAllocators): void {
  if (svc.spec.clusterIP && svc.spec.clusterIP !== 'None') alloc.releaseClusterIP(svc.spec.clusterIP);
  for (const p of svc.spec.ports ?? []) alloc.releaseNodePort(p.nodePort);
  alloc.releaseNodePort(svc.spec.healthCheckNodePort);
  for (const i of svc.status.loadBalancer.ingress ?? []) alloc.releaseLoadBalancerIP(i.ip);
}

/** The request that would admit `svc` again as it is (its IPs and node ports pinned): how a failed update is rolled back. */
export function serviceRequestOf(svc: Service): ServiceRequest {
  const s = svc.spec;
  return {
    name: svc.metadata.name,
    namespace: svc.metadata.namespace ?? 'default',
    ...(svc.metadata.labels ? { labels: svc.metadata.labels } : {}),
    ...(svc.metadata.annotations ? { annotations: svc.metadata.annotations } : {}),
    type: s.type,
    ...(s.selector ? { selector: s.selector } : {}),
    ports: (s.ports ?? []).map((p) => ({ ...p })),
    ...(s.clusterIP ? { clusterIP: s.clusterIP } : {}),
    ...(s.externalName ? { externalName: s.externalName } : {}),
    ...(s.externalIPs ? { externalIPs: s.externalIPs } : {}),
    ...(s.externalTrafficPolicy ? { externalTrafficPolicy: s.externalTrafficPolicy } : {}),
    ...(s.internalTrafficPolicy ? { internalTrafficPolicy: s.internalTrafficPolicy } : {}),
    sessionAffinity: s.sessionAffinity,
    ...(s.sessionAffinityConfig ? { sessionAffinityTimeoutSeconds: s.sessionAffinityConfig.clientIP.timeoutSeconds } : {}),
    ...(s.publishNotReadyAddresses ? { publishNotReadyAddresses: true } : {}),
    ...(s.ipFamilies ? { ipFamilies: [...s.ipFamilies] } : {}),
    ...(s.ipFamilyPolicy ? { ipFamilyPolicy: s.ipFamilyPolicy } : {}),
  };
}
