// A Service's IP families on this single-stack IPv4 cluster, as the API server decides them:
// validation first (pkg/apis/core/validation ValidateService: the policy's allowed values, one
// family per SingleStack Service), then the allocator's own refusals
// (pkg/registry/core/service/storage/alloc.go initIPFamilyFields: RequireDualStack needs two
// configured families, every requested family must be configured). PreferDualStack is accepted
// and kept; it gets IPv4 only, as on a real single-stack cluster.

import type { StatusCause } from '../kube/api-errors';

export const IP_FAMILY_POLICIES = ['SingleStack', 'PreferDualStack', 'RequireDualStack'] as const;
export type IpFamilyPolicy = (typeof IP_FAMILY_POLICIES)[number];
/** The families this cluster's API server has a Service CIDR for. */
const CONFIGURED_FAMILIES = new Set(['IPv4']);

export interface IpFamilyRequest {
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
}

/** ValidateService's checks of the two fields. */
export function ipFamilyValidation(req: IpFamilyRequest): StatusCause[] {
  const causes: StatusCause[] = [];
  const policy = req.ipFamilyPolicy;
  if (policy !== undefined && !(IP_FAMILY_POLICIES as readonly string[]).includes(policy)) {
    causes.push({ field: 'spec.ipFamilyPolicy', message: `Unsupported value: "${policy}": supported values: "PreferDualStack", "RequireDualStack", "SingleStack"` });
  }
  (req.ipFamilies ?? []).forEach((family, i) => {
    if (family !== 'IPv4' && family !== 'IPv6') causes.push({ field: `spec.ipFamilies[${i}]`, message: `Unsupported value: "${family}": supported values: "IPv4", "IPv6"` });
  });
  if ((req.ipFamilies?.length ?? 0) > 1 && policy === 'SingleStack') {
    causes.push({ field: 'spec.ipFamilyPolicy', message: `Invalid value: "SingleStack": must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified` });
  }
  return causes;
}

/** The allocator's refusals, checked once validation passed. */
export function ipFamilyAllocation(req: IpFamilyRequest): StatusCause[] {
  const causes: StatusCause[] = [];
  if (req.ipFamilyPolicy === 'RequireDualStack') causes.push({ field: 'spec.ipFamilyPolicy', message: 'Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services' });
  (req.ipFamilies ?? []).forEach((family, i) => {
    if (!CONFIGURED_FAMILIES.has(family)) causes.push({ field: `spec.ipFamilies[${i}]`, message: `Invalid value: "${family}": not configured on this cluster` });
  });
  return causes;
}
