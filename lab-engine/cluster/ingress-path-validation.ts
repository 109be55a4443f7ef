// ingress-nginx's strict-validate-path-type (on by default since controller v1.12): a path whose
// pathType is Exact or Prefix may hold only letters, digits, `/`, `_` and `-` and must start
// with `/` (internal/ingress/inspector ValidatePathType). Regex paths such as `/shop(/|$)(.*)`
// must use pathType ImplementationSpecific. The check runs in the controller's validating
// admission webhook (validate.nginx.ingress.kubernetes.io, installed with the controller), which
// refuses to store such an Ingress of class nginx:
//   Error from server (BadRequest): error when creating "STDIN": admission webhook
//   "validate.nginx.ingress.kubernetes.io" denied the request: ingress contains invalid paths:
//   path /shop(/|$)(.*) cannot be used with pathType Prefix
// (the text users report, e.g. kubernetes-sigs/kind#3764, ingress-nginx#12637).

import { ApiError } from '../kube/api-errors';
import type { Ingress, IngressClass } from '../kube/types';

/** ingress-nginx's controller string (ingress-status.ts holds the same; importing it would close a cycle through the registry). */
const NGINX_CONTROLLER = 'k8s.io/ingress-nginx';
const VALID_TYPED_PATH = /^\/[A-Za-z0-9_\-/]*$/;

/** The controller's error for an Ingress with invalid paths, or undefined when every path is valid. */
export function invalidPaths(ingress: Ingress): string | undefined {
  const problems: string[] = [];
  for (const rule of ingress.spec.rules ?? []) {
    for (const p of rule.http?.paths ?? []) {
      if (p.pathType !== 'Exact' && p.pathType !== 'Prefix') continue;
      const path = p.path ?? '/';
      if (!VALID_TYPED_PATH.test(path)) problems.push(`path ${path} cannot be used with pathType ${p.pathType}`);
    }
  }
  return problems.length ? `ingress contains invalid paths: ${problems.join('\n')}` : undefined;
}

/** The webhook's denial for an Ingress of ingress-nginx's class with invalid paths (undefined: admitted). */
export function nginxWebhookDenial(ingress: Ingress, classes: readonly IngressClass[]): ApiError | undefined {
  // The webhook comes with the controller (its IngressClass marks the install) and judges only its class.
  if (!classes.some((c) => c.spec.controller === NGINX_CONTROLLER)) return undefined;
  const className = ingress.spec.ingressClassName ?? ingress.metadata.annotations?.['kubernetes.io/ingress.class'];
  const ours = classes.find((c) => c.metadata.name === className)?.spec.controller === NGINX_CONTROLLER || ingress.metadata.annotations?.['kubernetes.io/ingress.class'] === 'nginx';
  if (!ours) return undefined;
  const error = invalidPaths(ingress);
  return error ? new ApiError('BadRequest', 400, `admission webhook "validate.nginx.ingress.kubernetes.io" denied the request: ${error}`) : undefined;
}
