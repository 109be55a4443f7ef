// Test helpers: a networking.k8s.io/v1 Ingress manifest, as the ingress tests apply it from a
// file, with the fields they vary: name, class (or none, for DefaultIngressClass), annotations,
// one host, an optional TLS section for that host, and the host's paths (default: `/` as a
// Prefix to Service web port 80). The text is what a person writes: block style, the usual order.

export interface IngressPathSpec {
  /** Default `/`. */
  path?: string;
  /** Default `Prefix`. */
  pathType?: 'Prefix' | 'Exact' | 'ImplementationSpecific';
  service: string;
  /** The Service port number, default 80. */
  port?: number;
}

export interface IngressSpec {
  name: string;
  /** spec.ingressClassName, default `nginx`; null leaves it out (a class-less Ingress). */
  className?: string | null;
  /** metadata.annotations, each value written double-quoted. */
  annotations?: Record<string, string>;
  host: string;
  /** spec.tls for the host, with the Secret that holds its certificate. */
  tlsSecret?: string;
  /** Default: `/` to Service web. */
  paths?: IngressPathSpec[];
}

export function ingressYaml(spec: IngressSpec): string {
  const className = spec.className === undefined ? 'nginx' : spec.className;
  const annotations = spec.annotations ? `  annotations:\n${Object.entries(spec.annotations).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}\n`).join('')}` : '';
  const tls = spec.tlsSecret ? `  tls:\n  - hosts: [${spec.host}]\n    secretName: ${spec.tlsSecret}\n` : '';
  const paths = (spec.paths ?? [{ service: 'web' }]).map(
    (p) => `      - path: ${p.path ?? '/'}
        pathType: ${p.pathType ?? 'Prefix'}
        backend:
          service:
            name: ${p.service}
            port:
              number: ${p.port ?? 80}
`,
  );
  return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${spec.name}
${annotations}spec:
${className === null ? '' : `  ingressClassName: ${className}\n`}${tls}  rules:
  - host: ${spec.host}
    http:
      paths:
${paths.join('')}`;
}
