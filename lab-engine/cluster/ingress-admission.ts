// Ingress and IngressClass through the API server (pkg/apis/networking/validation: host names,
// pathType required and one of Exact/Prefix/ImplementationSpecific, absolute paths, a service
// backend with a port name or number, rules or a default backend) and the DefaultIngressClass
// admission plugin, which gives a class-less Ingress the IngressClass marked default (the newest,
// when several are) when it is created (not on update).

import { invalid, type StatusCause } from '../kube/api-errors';
import type { Ingress, IngressClass, IngressServiceBackend, IngressRule } from '../kube/types';

export type IngressRequest = {
  name: string;
  namespace: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
} & Pick<Ingress['spec'], 'ingressClassName' | 'defaultBackend' | 'tls' | 'rules'>;

export interface IngressClassRequest {
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  controller: string;
  parameters?: IngressClass['spec']['parameters'];
}

export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';
const GROUP = 'networking.k8s.io';
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const WILDCARD_MESSAGE = "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1035_MESSAGE = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

function backendCauses(b: IngressServiceBackend | undefined, field: string): StatusCause[] {
  if (!b?.service) return [{ field, message: 'Invalid value: "": resource or service backend is required' }];
  const causes: StatusCause[] = [];
  const { name, port } = b.service;
  if (!name) causes.push({ field: `${field}.service.name`, message: 'Required value' });
  else if (!DNS1035.test(name) || name.length > 63) causes.push({ field: `${field}.service.name`, message: `Invalid value: "${name}": ${DNS1035_MESSAGE}` });
  const hasName = !!port?.name;
  const hasNumber = !!port?.number;
  if (hasName && hasNumber) causes.push({ field, message: 'Invalid value: "": cannot set both port name & port number' });
  else if (hasNumber && (port!.number! < 1 || port!.number! > 65535)) causes.push({ field: `${field}.service.port.number`, message: `Invalid value: ${port!.number}: must be between 1 and 65535, inclusive` });
  else if (!hasName && !hasNumber) causes.push({ field, message: 'Required value: port name or number is required' });
  return causes;
}

function ruleCauses(rules: IngressRule[]): StatusCause[] {
  const causes: StatusCause[] = [];
  rules.forEach((rule, i) => {
    const at = `spec.rules[${i}]`;
    if (rule.host) {
      const wildcard = rule.host.startsWith('*.');
      const rest = wildcard ? rule.host.slice(2) : rule.host;
      if (/^\d+\.\d+\.\d+\.\d+$/.test(rule.host)) causes.push({ field: `${at}.host`, message: `Invalid value: "${rule.host}": must be a DNS name, not an IP address` });
      else if (!SUBDOMAIN.test(rest) || rule.host.includes('*', wildcard ? 1 : 0)) causes.push({ field: `${at}.host`, message: `Invalid value: "${rule.host}": ${wildcard ? WILDCARD_MESSAGE : SUBDOMAIN_MESSAGE}` });
    }
    if (!rule.http) return;
    if (!rule.http.paths?.length) {
      causes.push({ field: `${at}.http.paths`, message: 'Required value' });
      return;
    }
    rule.http.paths.forEach((p, j) => {
      const pat = `${at}.http.paths[${j}]`;
      if (!p.pathType) causes.push({ field: `${pat}.pathType`, message: 'Required value: pathType must be specified' });
      else if (!PATH_TYPES.includes(p.pathType)) causes.push({ field: `${pat}.pathType`, message: `Unsupported value: "${p.pathType}": supported values: ${PATH_TYPES.map((t) => `"${t}"`).join(', ')}` });
      else if ((p.pathType !== 'ImplementationSpecific' || p.path) && !(p.path ?? '').startsWith('/')) causes.push({ field: `${pat}.path`, message: `Invalid value: "${p.path ?? ''}": must be an absolute path` });
      else if (p.pathType !== 'ImplementationSpecific') {
        for (const bad of ['//', '/./', '/../', '%2f', '%2F']) if (p.path!.includes(bad)) causes.push({ field: `${pat}.path`, message: `Invalid value: "${p.path}": must not contain '${bad}'` });
        for (const end of ['/..', '/.']) if (p.path!.endsWith(end)) causes.push({ field: `${pat}.path`, message: `Invalid value: "${p.path}": cannot end with '${end}'` });
      }
      causes.push(...backendCauses(p.backend, `${pat}.backend`));
    });
  });
  return causes;
}

/** Validates, applies DefaultIngressClass, and builds the stored object. */
/**
 * The default IngressClass: with several marked default, the newest (then the lowest name) wins,
 * as the plugin does since Kubernetes 1.25 (kubernetes/kubernetes#110974); before, it refused.
 */
function defaultClass(classes: readonly IngressClass[]): IngressClass | undefined {
  const defaults = classes.filter((c) => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
  const created = (c: IngressClass) => Date.parse(c.metadata.creationTimestamp ?? '') || 0;
  return [...defaults].sort((a, b) => created(b) - created(a) || a.metadata.name.localeCompare(b.metadata.name))[0];
}

export function admitIngress(req: IngressRequest, classes: readonly IngressClass[], old: Ingress | undefined, uid: string, created: string): Ingress {
  const causes: StatusCause[] = [];
  if (!req.name) causes.push({ field: 'metadata.name', message: 'Required value: name or generateName is required' });
  else if (!SUBDOMAIN.test(req.name) || req.name.length > 253) causes.push({ field: 'metadata.name', message: `Invalid value: "${req.name}": ${SUBDOMAIN_MESSAGE}` });
  if (req.ingressClassName !== undefined && !SUBDOMAIN.test(req.ingressClassName)) causes.push({ field: 'spec.ingressClassName', message: `Invalid value: "${req.ingressClassName}": ${SUBDOMAIN_MESSAGE}` });
  if (!req.defaultBackend && !req.rules?.length) causes.push({ field: 'spec', message: 'Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified' });
  if (req.defaultBackend) causes.push(...backendCauses(req.defaultBackend, 'spec.defaultBackend'));
  causes.push(...ruleCauses(req.rules ?? []));
  if (causes.length) throw invalid('Ingress', req.name, causes, GROUP);
  let ingressClassName = req.ingressClassName ?? old?.spec.ingressClassName;
  // DefaultIngressClass is registered for Create only (admission.NewHandler(admission.Create)):
  // marking a class default later leaves existing class-less Ingresses without a class.
  if (!old && !ingressClassName && !req.annotations?.['kubernetes.io/ingress.class']) {
    const newest = defaultClass(classes);
    if (newest) ingressClassName = newest.metadata.name;
  }
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: req.name, namespace: req.namespace, uid, resourceVersion: '', creationTimestamp: created, generation: 1, ...meta(req) },
    spec: {
      ...(ingressClassName ? { ingressClassName } : {}),
      ...(req.defaultBackend ? { defaultBackend: req.defaultBackend } : {}),
      ...(req.tls?.length ? { tls: req.tls } : {}),
      ...(req.rules?.length ? { rules: req.rules } : {}),
    },
    status: old?.status ?? { loadBalancer: {} },
  };
}

export function admitIngressClass(req: IngressClassRequest, uid: string, created: string): IngressClass {
  const causes: StatusCause[] = [];
  if (!req.name) causes.push({ field: 'metadata.name', message: 'Required value: name or generateName is required' });
  else if (!SUBDOMAIN.test(req.name)) causes.push({ field: 'metadata.name', message: `Invalid value: "${req.name}": ${SUBDOMAIN_MESSAGE}` });
  if (!req.controller) causes.push({ field: 'spec.controller', message: 'Required value' });
  else if (!/^[a-z0-9.-]+\.[a-z]+\/\S+$/.test(req.controller) && !/^k8s\.io\/\S+$/.test(req.controller)) causes.push({ field: 'spec.controller', message: `Invalid value: "${req.controller}": must be a domain-prefixed path (such as "acme.io/foo")` });
  if (causes.length) throw invalid('IngressClass', req.name, causes, GROUP);
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: { name: req.name, uid, resourceVersion: '', creationTimestamp: created, generation: 1, ...meta(req) },
    spec: { controller: req.controller, ...(req.parameters ? { parameters: req.parameters } : {}) },
  };
}

function meta(req: { labels?: Record<string, string>; annotations?: Record<string, string> }) {
  return {
    ...(req.labels && Object.keys(req.labels).length ? { labels: { ...req.labels } } : {}),
    ...(req.annotations && Object.keys(req.annotations).length ? { annotations: { ...req.annotations } } : {}),
  };
}
