// ingress-nginx's strict-validate-path-type (on by default since controller v1.12): a path whose
// pathType is Exact or Prefix may hold only letters, digits, `/`, `_` and `-` and must start
// with `/` (internal/ingress/inspector ValidatePathType). Regex paths such as `/shop(/|$)(.*)`
// must use pathType ImplementationSpecific. The controller refuses an Ingress that breaks the
// rule as a whole ("ingress contains invalid paths: path … cannot be used with pathType Prefix"):
// none of its rules are served. Flatnet installs no admission webhook, so the refusal shows in
// the controller's log instead of in `kubectl apply`'s answer.

import type { Ingress } from '../../kube/types';

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
