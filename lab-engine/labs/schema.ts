// The lab.yaml schema (DESIGN.md "Labs as data") as zod: the single definition of what an author
// may write. Objects are strict so a misspelt field is an error, not a silently ignored line.
// Check kinds form a discriminated union; only kinds the engine can grade for real belong in it,
// so a lab can never declare a check that would pass or fail by accident.

import { z } from 'zod';
import { parseJsonPath } from './json-path';
import { parseSelector } from '../kube/label-selector';
import type { CniSettings } from '../core/topology';
import { CNI_NAMES, DEFAULT_CNI } from '../dataplane/cni';
import { CNI_SETTINGS, misplacedMessage, misplacedSettings } from '../dataplane/cni/topology-settings';

import { ID_PATTERN } from './lab-id';
import { MAX_LOAD_RATE, MAX_LOAD_REQUESTS, MAX_LOAD_WINDOW_SECONDS } from '../core/limits';
import { podSourceOf } from './check-sources';

export { ID_PATTERN };
const id = (what: string, example: string) =>
  z.string().regex(ID_PATTERN, `${what} must be lowercase letters, digits and dashes (e.g. "${example}")`);

/** Resource names as the API spells them in URLs: lowercase plural, optionally with a group. */
const RESOURCE_PATTERN = /^[a-z][a-z0-9]*(\.[a-z0-9.-]+)?$/;

const nonEmpty = (what: string) => z.string().trim().min(1, `${what} must not be empty`);

/** Every check kind DESIGN.md plans; those not in CHECK_KINDS yet get a "not available yet" lint error. */
export const PLANNED_CHECK_KINDS = ['reachability', 'http', 'dns', 'resource', 'command', 'answer', 'load'] as const;

const checkBase = {
  id: id('a check id', 'web-running'),
  title: nonEmpty('a check title'),
  /** What the check must say right after setup; the self-test holds the lab to it. */
  initially: z.enum(['fail', 'pass']).default('fail'),
};

export const ResourceCheckSchema = z
  .strictObject({
    ...checkBase,
    kind: z.literal('resource'),
    resource: z.string().regex(RESOURCE_PATTERN, 'resource must be an API resource name in plural, e.g. "pods" or "services"'),
    /** Optional so cluster-scoped resources (nodes, namespaces) can go without; namespaced ones default to `default`. */
    namespace: id('a namespace', 'kube-system').optional(),
    name: z.string().min(1, 'name must not be empty'),
    jsonPath: z.string().superRefine((value, ctx) => {
      const parsed = parseJsonPath(value);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `${parsed.message}; write it as kubectl does, e.g. "{.status.phase}"` });
    }),
    equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
    matches: z
      .string()
      .superRefine((value, ctx) => {
        try {
          new RegExp(value);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: `not a valid regular expression (${(error as Error).message})` });
        }
      })
      .optional(),
    exists: z.boolean().optional(),
  })
  .superRefine((check, ctx) => {
    const given = (['equals', 'matches', 'exists'] as const).filter((key) => check[key] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          given.length === 0
            ? 'a resource check needs one of equals, matches or exists'
            : `a resource check takes only one of equals, matches or exists (found ${given.join(' and ')})`,
      });
    }
  });

/** `app=frontend,tier!=db`: a label selector as `kubectl -l` takes it, read by the parser kubectl and the grader use. */
const selectorText = z.string().refine((text) => {
  const parsed = parseSelector(text);
  return parsed.ok && parsed.requirements.length > 0;
}, 'selector must be a label selector like "app=frontend" or "app=web,tier!=db"');

/** Who sends: the first Running pod a selector matches, or a named pod, in a namespace; with `node`, only a pod running on that node. */
const ReachabilityFromSchema = z
  .strictObject({
    namespace: id('a namespace', 'production').optional(),
    selector: selectorText.optional(),
    pod: z.string().min(1).optional(),
    node: z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'node must be a node name such as "node-2"').optional(),
  })
  .refine((f) => (f.selector === undefined) !== (f.pod === undefined), 'from needs exactly one of selector or pod');

/** A network namespace a learner made on a node (`ip netns add red`), as a reachability check's sender: `{ node: node-1, netns: red }`. */
const NetnsSourceSchema = z.strictObject({
  node: id('a node name', 'node-1'),
  netns: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'netns must be a network namespace name such as "red"'),
});

/** A port, the Service's (its ClusterIP port; with node, nodes or loadBalancer it picks which of the Service's ports) or the pod's; and a target as a client outside dials it. Shared by the checks that send. */
const outsideTargetFields = {
  port: z.number().int().min(1, 'port must be 1-65535').max(65535, 'port must be 1-65535').optional(),
  /** A node by name: the packet goes to its InternalIP, as `curl http://<nodeIP>:<nodePort>` would. */
  node: id('a node name', 'node-2').optional(),
  /** `all`: every node's InternalIP, and the check passes only if every node behaves as expected. */
  nodes: z.literal('all', { error: 'nodes takes only "all" (every node); name one node with node: node-2' }).optional(),
  /** With node or nodes: the port dialled on the node; or name the Service instead, whose nodePort is then used. */
  nodePort: z.number().int().min(30000, 'nodePort must be in the NodePort range 30000-32767').max(32767, 'nodePort must be in the NodePort range 30000-32767').optional(),
  /** A LoadBalancer Service by name: its status.loadBalancer.ingress address and the Service port. */
  loadBalancer: z.string().min(1).optional(),
};

/** A `to` validator from a function that says what is wrong with the target, if anything. */
function reportTargetProblem<T>(problemOf: (t: T) => { message: string; path?: string } | undefined) {
  return (t: T, ctx: z.RefinementCtx) => {
    const problem = problemOf(t);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.message, ...(problem.path ? { path: [problem.path] } : {}) });
  };
}

/**
 * Where to: a Service's ClusterIP, a pod's IP, or an address, at `port` (the Service port, or the pod's);
 * or, as a client outside dials them, a node's InternalIP (one node, or every node) at a NodePort, or a
 * LoadBalancer Service's external address, read from the model as http checks read them.
 */
const ReachabilityToSchema = z
  .strictObject({
    namespace: id('a namespace', 'production').optional(),
    service: z.string().min(1).optional(),
    pod: z.string().min(1).optional(),
    ip: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'ip must be an IPv4 address').optional(),
    ...outsideTargetFields,
  })
  .superRefine(reportTargetProblem(reachabilityTargetProblem));

/** What is wrong with a reachability check's `to`: one target form, and the fields that form needs. */
function reachabilityTargetProblem(t: { service?: string; pod?: string; ip?: string; port?: number; node?: string; nodes?: string; nodePort?: number; loadBalancer?: string }): { message: string; path?: string } | undefined {
  if (t.node !== undefined || t.nodes !== undefined || t.loadBalancer !== undefined) {
    if (t.pod !== undefined || t.ip !== undefined) return { message: 'to takes one of service, pod, ip, node, nodes or loadBalancer' };
    return httpTargetProblem(t);
  }
  if (t.nodePort !== undefined) return { message: 'nodePort needs node (e.g. node: node-2) or nodes: all', path: 'nodePort' };
  if ([t.service, t.pod, t.ip].filter((v) => v !== undefined).length !== 1) return { message: 'to needs exactly one of service, pod, ip, node, nodes or loadBalancer' };
  // The port (needed for tcp and udp, not for a ping) is checked with the protocol, on the check.
  return undefined;
}

/**
 * What must stop a denied packet, read from the walk's deciding hop: a NetworkPolicy (`policy`,
 * or the direction that must decide: the receiver's `ingress-policy`, the sender's
 * `egress-policy`), kube-proxy's REJECT for a Service without ready endpoints (`no-endpoints`),
 * or a port nothing listens on (`no-listener`).
 */
export const DENIED_BY = ['policy', 'ingress-policy', 'egress-policy', 'no-endpoints', 'no-listener'] as const;
export type DeniedBy = (typeof DENIED_BY)[number];

/** Sends a simulated packet through the dataplane: grades behaviour, not YAML. */
export const ReachabilityCheckSchema = z
  .strictObject({
    ...checkBase,
    kind: z.literal('reachability'),
    /** A pod, a client outside the cluster (`workstation`, on the nodes' network, or `internet`), or a netns the learner made on a node. */
    from: z.union([z.literal('workstation'), z.literal('internet'), ReachabilityFromSchema, NetnsSourceSchema], { error: 'from must be "workstation", "internet" or a pod such as { namespace: shop, selector: app=web } (or a netns made on a node, such as { node: node-1, netns: red })' }),
    to: ReachabilityToSchema,
    /** icmp: an echo request, as `ping` sends (no port); allowed means the echo reply came back. */
    protocol: z.enum(['tcp', 'udp', 'icmp']).default('tcp'),
    expect: z.enum(['allowed', 'denied']),
    /** With expect: denied, how: a denial of another kind (kube-proxy's REJECT where a policy should drop) fails. */
    deniedBy: z.enum(DENIED_BY, { message: `deniedBy must be one of ${DENIED_BY.join(', ')}` }).optional(),
    /**
     * With a Service target and expect: allowed, the workload behind it: the Service's
     * EndpointSlices must hold exactly its replicas, all ready, each a pod of one of its ReplicaSets.
     */
    backends: z.strictObject({ deployment: z.string().regex(ID_PATTERN, 'backends.deployment must be a Deployment name, e.g. "web"') }).optional(),
    /**
     * Send from the source pod's own long-lived UDP socket (its `… | nc -u HOST PORT` loop, a statsd
     * client's), so the packet follows the flow that socket's conntrack entry holds, as the pod's next
     * datagram would. Default: a new socket, a new flow.
     */
    senderSocket: z.boolean().optional(),
    /**
     * `self`: every Running pod `from` matches calls the Service, with kube-proxy's pick being the
     * caller's own endpoint (the grader draws until it is): a pod reaching itself through its own
     * Service, the hairpin case. A caller that is not one of the Service's endpoints fails.
     */
    backend: z.literal('self', { message: 'backend must be "self"' }).optional(),
    /**
     * With expect: allowed, the packet must also cross between nodes inside WireGuard at every
     * crossing (read from the walk's hops): a plain or IP-in-IP crossing fails, and so does a
     * packet that never leaves its node.
     */
    encrypted: z.literal(true, { message: 'encrypted must be true (leave it out to not judge the wire)' }).optional(),
  })
  // Only for a well-formed service, pod or ip target: the `to` schema already reports the other forms.
  .refine((c) => c.protocol === 'icmp' || c.to.port !== undefined || c.to.node !== undefined || c.to.nodes !== undefined || c.to.loadBalancer !== undefined || c.to.nodePort !== undefined || [c.to.service, c.to.pod, c.to.ip].filter((v) => v !== undefined).length !== 1, { message: 'to needs the port: the Service port, or the pod\'s', path: ['to', 'port'] })
  .refine((c) => c.protocol !== 'icmp' || (c.to.port === undefined && c.to.ip !== undefined), { message: 'protocol: icmp pings an address: to needs ip and no port', path: ['protocol'] })
  .refine((c) => c.encrypted === undefined || c.expect === 'allowed', { message: 'encrypted only goes with expect: allowed', path: ['encrypted'] })
  .refine((c) => c.deniedBy === undefined || c.expect === 'denied', { message: 'deniedBy only goes with expect: denied', path: ['deniedBy'] })
  .refine((c) => c.backends === undefined || (c.expect === 'allowed' && c.to.service !== undefined), { message: 'backends only goes with expect: allowed and a service target', path: ['backends'] })
  .refine((c) => c.senderSocket !== true || c.protocol === 'udp', { message: 'senderSocket needs protocol: udp (a sender socket is a UDP one)', path: ['senderSocket'] })
  .refine((c) => c.senderSocket !== true || podSourceOf(c.from) !== undefined, { message: 'senderSocket needs a pod in from: the socket is a pod\'s', path: ['senderSocket'] })
  .refine((c) => c.backend === undefined || (podSourceOf(c.from) !== undefined && c.to.service !== undefined && c.to.port !== undefined && c.to.node === undefined && c.to.nodes === undefined), { message: 'backend: self needs pods in from and a service target at its port (the Service the pods call)', path: ['backend'] });

/** The address a name must resolve to: a Service's ClusterIP (or, headless, one of its endpoints), or a literal IP. */
const DnsAddressSchema = z
  .strictObject({
    namespace: id('a namespace', 'production').optional(),
    service: z.string().min(1).optional(),
    /** A pod's own IP, as a StatefulSet member's name (`db-1.db`) must answer with. */
    pod: z.string().min(1).optional(),
    ip: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'ip must be an IPv4 address').optional(),
  })
  .refine((a) => [a.service, a.pod, a.ip].filter((v) => v !== undefined).length === 1, 'address needs exactly one of service, pod or ip');

/** The most lookups a dns check's latency sample may time. */
const MAX_DNS_TIMED_LOOKUPS = 500;

/** Resolves a name from inside a pod, as its own resolver would: the search list, then CoreDNS through the dataplane. */
export const DnsCheckSchema = z
  .strictObject({
    ...checkBase,
    kind: z.literal('dns'),
    from: ReachabilityFromSchema,
    name: z.string().regex(/^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9.])?$/, 'name must be a DNS name such as "web" or "web.shop.svc.cluster.local"').optional(),
    /** Instead of name: the name the source pod's program looks up, read from this environment variable of its first container. */
    nameFromEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'nameFromEnv must be an environment variable name such as PAYMENTS_HOST').optional(),
    /** resolves: some answer (the given address, if one is named); nxdomain: no such name; no-answer: the query gets no reply. */
    expect: z.enum(['resolves', 'nxdomain', 'no-answer']),
    address: DnsAddressSchema.optional(),
    /** Time this many lookups of the name (each its own A and AAAA queries); every one must answer within maxSeconds. */
    latency: z
      .strictObject({
        lookups: z.number().int().min(1).max(MAX_DNS_TIMED_LOOKUPS, `latency.lookups must be at most ${MAX_DNS_TIMED_LOOKUPS}`),
        maxSeconds: z.number().positive('latency.maxSeconds must be more than 0'),
      })
      .optional(),
    /** At most this many queries reach the nameserver for one lookup (A and AAAA for each name of the search list tried). */
    maxQueries: z.number().int().min(1).optional(),
    /** The alias the answer must go through (an ExternalName's target): the CNAME chain holds this name. */
    cname: z.string().regex(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/, 'cname must be a lower-case DNS name such as "db.example.net"').optional(),
  })
  .refine((c) => c.address === undefined || c.expect === 'resolves', { message: 'address only goes with expect: resolves', path: ['address'] })
  .refine((c) => (c.name === undefined) !== (c.nameFromEnv === undefined), { message: 'a dns check needs exactly one of name or nameFromEnv', path: ['name'] })
  .refine((c) => (c.latency === undefined && c.maxQueries === undefined) || c.expect === 'resolves', { message: 'latency and maxQueries only go with expect: resolves', path: ['latency'] })
  .refine((c) => c.cname === undefined || c.expect === 'resolves', { message: 'cname only goes with expect: resolves', path: ['cname'] });

/** Where an HTTP check sends its request: the lab's ingress controller (through its NodePort or load balancer), a Service's
 * ClusterIP, a node's address and a NodePort (one node, or every node), or a LoadBalancer Service's external address. */
const HttpToSchema = z
  .strictObject({
    ingress: z.enum(['nginx', 'traefik']).optional(),
    namespace: id('a namespace', 'production').optional(),
    service: z.string().min(1).optional(),
    ...outsideTargetFields,
  })
  .superRefine(reportTargetProblem(httpTargetProblem));

/** What is wrong with an http check's `to`, if anything: one target form, and the fields that form needs. */
function httpTargetProblem(t: { ingress?: string; service?: string; port?: number; node?: string; nodes?: string; nodePort?: number; loadBalancer?: string }): { message: string; path?: string } | undefined {
  const forms = [t.ingress && 'ingress', t.loadBalancer && 'loadBalancer', t.node && 'node', t.nodes && 'nodes'].filter(Boolean);
  if (forms.length > 1) return { message: `to takes one of ingress, loadBalancer, node or nodes (found ${forms.join(' and ')})` };
  if (t.node !== undefined || t.nodes !== undefined) {
    if ((t.nodePort === undefined) === (t.service === undefined)) return { message: 'a node target needs exactly one of nodePort (e.g. 30080) or service (whose nodePort is dialled)', path: 'nodePort' };
    if (t.nodePort !== undefined && t.port !== undefined) return { message: 'port picks one of a Service\'s ports; with nodePort, leave it out', path: 'port' };
    return undefined;
  }
  if (t.nodePort !== undefined) return { message: 'nodePort needs node (e.g. node: node-2) or nodes: all', path: 'nodePort' };
  if (t.loadBalancer !== undefined) return t.service === undefined ? undefined : { message: 'loadBalancer already names the Service; leave out service', path: 'service' };
  if ((t.ingress === undefined) === (t.service === undefined)) return { message: 'to needs exactly one of ingress, service, node, nodes or loadBalancer' };
  if (t.service !== undefined && t.port === undefined) return { message: 'a service target needs its port', path: 'port' };
  return undefined;
}

/** A root certificate in PEM, as a browser's trust store holds it (parsed when the check runs). */
const trustedCaPem = z.string().regex(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/, 'trustedCa must hold a PEM certificate (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----)');

/** One HTTP GET, graded on what comes back: status, and optionally text the body must contain. */
export const HttpCheckSchema = z
  .strictObject({
    ...checkBase,
    kind: z.literal('http'),
    /** `workstation` (outside the cluster, on the nodes' network; the default), `internet` (a client out on the internet) or a pod, as reachability checks name one. */
    from: z.union([z.literal('workstation'), z.literal('internet'), ReachabilityFromSchema]).default('workstation'),
    to: HttpToSchema,
    /** https: a TLS handshake first (SNI = host), to the controller's https port for an ingress target. */
    scheme: z.enum(['http', 'https']).default('http'),
    /** Accept whatever certificate the server presents, as `curl -k` does; required with https (the grader trusts no CA). */
    insecure: z.boolean().optional(),
    /** The Host header (an Ingress rule's host); defaults to the address dialled. */
    host: z.string().regex(/^[A-Za-z0-9.-]+(:\d+)?$/, 'host must be a host name such as shop.example.com').optional(),
    path: z.string().regex(/^\/\S*$/, 'path must start with "/", e.g. /api/orders').default('/'),
    expect: z.strictObject({
      status: z.number().int().min(100).max(599),
      bodyContains: z.string().min(1).optional(),
      /** The whole body, this many bytes, must arrive: its full-size TCP segments walk back to the client (pod clients only), so an MTU black hole hangs it. */
      bodyBytes: z.number().int().min(1).optional(),
      /**
       * coversHost: true — the served certificate names `host` (not the controller's default one); false — it does not.
       * trustedCa: PEM of the root(s) in the browser's store: the certificate is then verified as a browser does
       * (chain to that root from what the server sent, dates by the simulated clock, subjectAltName only).
       */
      tls: z
        .strictObject({ coversHost: z.boolean().optional(), trustedCa: trustedCaPem.optional() })
        .refine((t) => t.coversHost !== undefined || t.trustedCa !== undefined, { message: 'expect.tls needs coversHost or trustedCa' })
        .optional(),
    }),
  })
  .refine((c) => c.scheme === 'https' || (c.insecure === undefined && c.expect.tls === undefined), {
    message: 'insecure and expect.tls only apply to TLS: add scheme: https',
    path: ['scheme'],
  })
  .refine((c) => c.scheme === 'http' || c.insecure === true || c.expect.tls?.trustedCa !== undefined, {
    message: 'scheme: https needs insecure: true (as curl -k), or expect.tls.trustedCa (the root a browser trusts); judge the certificate with expect.tls: { coversHost: true }',
    path: ['insecure'],
  })
  .refine((c) => c.insecure !== true || c.expect.tls?.trustedCa === undefined, {
    message: 'insecure: true skips verification, trustedCa asks for it: keep only one',
    path: ['insecure'],
  })
  .refine((c) => c.expect.tls === undefined || c.host !== undefined, { message: 'expect.tls needs host: the name the certificate must cover (sent as SNI)', path: ['host'] });

/** A regular expression in an author's file, checked when the lab loads. */
const regexText = (what: string) =>
  z.string().min(1, `${what} must not be empty`).superRefine((value, ctx) => {
    try {
      new RegExp(value, 'm');
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `${what} is not a valid regular expression (${(error as Error).message})` });
    }
  });

/** Where a grader's command runs: the workstation, a node's root shell (`ssh`), or a container of a Running pod (`kubectl exec`). */
const ShellPlaceSchema = z.union([
  z.literal('workstation'),
  z.strictObject({ node: z.string().regex(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/, 'node must be a node name such as "node-2"') }),
  z
    .strictObject({ namespace: id('a namespace', 'production').optional(), selector: selectorText.optional(), pod: z.string().min(1).optional(), container: z.string().min(1).optional() })
    .refine((p) => (p.selector === undefined) !== (p.pod === undefined), 'on needs "workstation", { node }, or a pod: exactly one of selector or pod'),
], { error: 'on must be "workstation", { node: node-2 } or a pod such as { namespace: shop, selector: app=web }' });

/** A shell line the grader runs, and where; never in the learner's own shell. */
const commandLine = z.string().trim().min(1, 'run must be a command line, e.g. "iptables-save -t nat"').max(4096, 'run must be at most 4096 characters');

/** The grader runs a command in a fresh shell on a copy of the world and grades what it printed and its exit status. */
export const CommandCheckSchema = z.strictObject({
  ...checkBase,
  kind: z.literal('command'),
  run: commandLine,
  on: ShellPlaceSchema.default('workstation'),
  /** What the command looks at, in words, shown in feedback instead of the line (which may hold the answer to another check). */
  shows: nonEmpty('shows').max(200, 'shows must be at most 200 characters').optional(),
  expect: z
    .strictObject({
      /** Found somewhere in stdout and stderr together; ^ and $ anchor at line ends, as grep's do. */
      matches: regexText('matches').optional(),
      notMatches: regexText('notMatches').optional(),
      exitCode: z.number().int().min(0, 'exitCode must be 0-255').max(255, 'exitCode must be 0-255').optional(),
    })
    .refine((e) => e.matches !== undefined || e.notMatches !== undefined || e.exitCode !== undefined, 'expect needs at least one of matches, notMatches or exitCode'),
});

/** Where an answer's truth comes from when the check grades: the model, read through a JSONPath or a command. */
const AnswerTruthSchema = z
  .strictObject({
    /** A fixed answer, for a quiz question whose truth is not in the cluster. */
    value: z.union([z.string().min(1), z.number()]).optional(),
    resource: z.string().regex(RESOURCE_PATTERN, 'resource must be an API resource name in plural, e.g. "pods"').optional(),
    namespace: id('a namespace', 'kube-system').optional(),
    name: z.string().min(1).optional(),
    selector: selectorText.optional(),
    jsonPath: z.string().superRefine((value, ctx) => {
      const parsed = parseJsonPath(value);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `${parsed.message}; write it as kubectl does, e.g. "{.spec.nodeName}"` });
    }).optional(),
    run: commandLine.optional(),
    on: ShellPlaceSchema.optional(),
    /** Each match's first group (or the whole match) is an accepted answer; without it, each non-empty line of the output. */
    pick: regexText('pick').optional(),
  })
  .superRefine((t, ctx) => {
    const sources = [t.value !== undefined && 'value', t.resource !== undefined && 'resource', t.run !== undefined && 'run'].filter(Boolean);
    if (sources.length !== 1) {
      ctx.addIssue({ code: 'custom', message: 'expected needs exactly one of value, resource (with jsonPath) or run (a command whose output is the truth)' });
      return;
    }
    if (t.resource !== undefined) {
      if (t.jsonPath === undefined) ctx.addIssue({ code: 'custom', path: ['jsonPath'], message: 'a resource truth needs a jsonPath, e.g. "{.spec.nodeName}"' });
      if ((t.name === undefined) === (t.selector === undefined)) ctx.addIssue({ code: 'custom', path: ['name'], message: 'a resource truth needs exactly one of name or selector' });
    } else if (t.jsonPath !== undefined || t.name !== undefined || t.selector !== undefined || t.namespace !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'namespace, name, selector and jsonPath only go with resource' });
    }
    if (t.run === undefined && (t.on !== undefined || t.pick !== undefined)) ctx.addIssue({ code: 'custom', message: 'on and pick only go with run' });
  });

/** The learner states a finding (`answer <id> <value>`); graded against the truth the model holds when the check runs. */
export const AnswerCheckSchema = z.strictObject({
  ...checkBase,
  kind: z.literal('answer'),
  /** What the learner is asked, as `answer` lists it. */
  question: nonEmpty('a question').max(300, 'a question must be at most 300 characters'),
  expected: AnswerTruthSchema,
});

/**
 * A simulated load generator: `rate` GETs a second from `from` to `to` for `seconds` of simulated
 * time, on an isolated copy of the world, while `during` (e.g. a `kubectl rollout restart`) runs
 * there; graded on failed requests and on how the answers spread over the backend pods.
 */
export const LoadCheckSchema = z
  .strictObject({
    ...checkBase,
    kind: z.literal('load'),
    from: z.union([z.literal('workstation'), z.literal('internet'), ReachabilityFromSchema]).default('workstation'),
    to: HttpToSchema.refine((t) => t.nodes === undefined, 'a load check sends to one address: name one node, not nodes: all'),
    host: z.string().regex(/^[A-Za-z0-9.-]+(:\d+)?$/, 'host must be a host name such as shop.example.com').optional(),
    path: z.string().regex(/^\/\S*$/, 'path must start with "/", e.g. /api/orders').default('/'),
    rate: z.number().int().min(1, 'rate is requests per second, at least 1').max(MAX_LOAD_RATE, `rate must be at most ${MAX_LOAD_RATE} requests per second`).optional(),
    /** Instead of a rate: one request every this many seconds (a person clicking, not a machine). */
    everySeconds: z.number().int().min(1, 'everySeconds must be at least 1').max(MAX_LOAD_WINDOW_SECONDS, `everySeconds must be at most ${MAX_LOAD_WINDOW_SECONDS}`).optional(),
    seconds: z.number().int().min(1, 'seconds must be at least 1').max(MAX_LOAD_WINDOW_SECONDS, `seconds must be at most ${MAX_LOAD_WINDOW_SECONDS}`),
    /** A shell line run at the window's start in the copy (on the workstation), e.g. `kubectl -n shop rollout restart deployment web`. */
    during: commandLine.optional(),
    /** The Deployment whose rollout must have finished by the window's end (all replicas updated and available, no old ones left). */
    rollout: z.strictObject({ namespace: id('a namespace', 'shop').optional(), deployment: z.string().regex(ID_PATTERN, 'rollout.deployment must be a Deployment name, e.g. "web"') }).optional(),
    expect: z
      .strictObject({
        /** At most this many requests may fail (no answer, a refused connection, or a 5xx). */
        maxFailed: z.number().int().min(0).optional(),
        /** Every backend pod that served must have served at least this percentage of the answered requests. */
        minShareEachPod: z.number().int().min(1).max(100).optional(),
        /** Every answered request (one client: the check's one source) lands on the same pod, as a session kept in memory needs. */
        samePodPerClient: z.boolean().optional(),
        /**
         * The pods a label selector picks (in `namespace`, default `default`) answered between `min`
         * and `max` percent of the answered requests: a canary's weight, graded on the traffic.
         */
        shares: z
          .array(
            z
              .strictObject({ namespace: id('a namespace', 'shop').optional(), selector: z.record(z.string(), z.string()).refine((s) => Object.keys(s).length > 0, 'selector needs at least one label, e.g. { app: web, track: canary }'), min: z.number().min(0).max(100), max: z.number().min(0).max(100) })
              .refine((s) => s.min <= s.max, { message: 'min must not exceed max', path: ['min'] }),
          )
          .min(1)
          .optional(),
      })
      .refine((e) => e.maxFailed !== undefined || e.minShareEachPod !== undefined || e.samePodPerClient !== undefined || e.shares !== undefined, 'expect needs at least one of maxFailed, minShareEachPod, samePodPerClient or shares'),
  })
  .refine((c) => (c.rate === undefined) !== (c.everySeconds === undefined), { message: 'a load check needs exactly one of rate (requests per second) or everySeconds', path: ['rate'] })
  .refine((c) => (c.rate ?? 1) * c.seconds <= MAX_LOAD_REQUESTS, { message: `rate × seconds must be at most ${MAX_LOAD_REQUESTS} requests`, path: ['seconds'] });

/** Add a kind here and in grader.ts's switch; the compiler then points at every place that must handle it. */
export const CheckSchema = z.discriminatedUnion('kind', [ResourceCheckSchema, ReachabilityCheckSchema, DnsCheckSchema, HttpCheckSchema, CommandCheckSchema, AnswerCheckSchema, LoadCheckSchema]);

export const StepSchema = z.strictObject({
  id: id('a step id', 'run-web'),
  title: nonEmpty('a step title'),
  /** An MDX file, relative to the lab's folder (e.g. steps/01-nodes.mdx). */
  text: z.string().regex(/^(?!\/)(?!.*\.\.)[\w./-]+\.mdx$/, 'text must be a relative path to an .mdx file inside the lab folder, e.g. "steps/01-nodes.mdx"'),
  checks: z.array(CheckSchema).default([]),
  hints: z.array(nonEmpty('a hint')).default([]),
});

export const MutationSchema = z.strictObject({
  name: id('a mutation name', 'wrong-image'),
  script: nonEmpty('a mutation script'),
  mustFail: z.array(id('a check id', 'web-running')).min(1, 'mustFail must name at least one check the near-miss has to fail'),
});

/**
 * Every CNI's own settings, each an optional enum of the values its plugin declares
 * (dataplane/cni/<plugin>/settings.ts), in the plugin table's order; which CNI may take which is
 * checked below.
 */
const settingEnums: Record<string, z.ZodOptional<z.ZodType<string>>> = Object.fromEntries(CNI_SETTINGS.map((s) => [s.field, z.enum(s.values).optional()]));
// Each entry is its setting's own enum, field for field, so the parsed topology has the plugins' types.
const cniSettingFields = settingEnums as { [F in keyof CniSettings]-?: z.ZodOptional<z.ZodType<NonNullable<CniSettings[F]>>> };

export const TopologySchema = z.strictObject({
  cni: z.enum(CNI_NAMES).default(DEFAULT_CNI),
  proxyMode: z.enum(['iptables', 'ipvs', 'nftables']).default('iptables'),
  ...cniSettingFields,
  /** Ingress controllers installed with the cluster (NodePort installs): nginx, traefik, or a list of both. */
  ingress: z.union([z.enum(['nginx', 'traefik']), z.array(z.enum(['nginx', 'traefik'])).min(1)]).optional(),
  /** A MetalLB-like pool for LoadBalancer Services: addresses or ranges on the nodes' network (172.18.0.0/16). */
  loadBalancerPool: z.array(z.string().regex(/^\d{1,3}(\.\d{1,3}){3}(-\d{1,3}(\.\d{1,3}){3})?$/, 'an address or a range such as 172.18.255.200-172.18.255.210')).min(1).optional(),
  /** A smaller hop between the listed nodes and the others (a VPN between sites): its MTU, and whether its ICMP "fragmentation needed" gets back. */
  interconnect: z.strictObject({ nodes: z.array(z.string().min(1)).min(1), mtu: z.number().int().min(576).max(9000), icmpFragNeeded: z.enum(['delivered', 'filtered']) }).optional(),
}).superRefine((topology, ctx) => {
  for (const setting of misplacedSettings(topology)) {
    ctx.addIssue({ code: 'custom', path: [setting.field], message: `${misplacedMessage(setting, topology.cni)}. Remove ${setting.field}, or set cni: ${setting.cni}.` });
  }
});

function isAbsoluteFilePath(path: string): boolean {
  return path.startsWith('/') && !path.endsWith('/') && !path.includes('\0') && !path.split('/').some((part) => part === '.' || part === '..');
}

/** A per-learner variable's name, as `{{name}}` refers to it. */
export const VARIABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;
/** A `oneOf` value: safe in a shell line, a YAML scalar and a Kubernetes name (no spaces, quotes or `$`). */
const VARIABLE_VALUE_PATTERN = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;
const MAX_VARIABLES = 16;
const MAX_VARIABLE_CHOICES = 32;

/** One variable: drawn from the attempt's seed among listed values, or as a whole number in a range. */
export const VariableSpecSchema = z.union(
  [
    z.strictObject({
      oneOf: z
        .array(z.string().regex(VARIABLE_VALUE_PATTERN, 'a oneOf value must be letters, digits, ".", "_" or "-" (at most 63), e.g. shop'))
        .min(1, 'oneOf needs at least one value')
        .max(MAX_VARIABLE_CHOICES, `oneOf takes at most ${MAX_VARIABLE_CHOICES} values`)
        .refine((values) => new Set(values).size === values.length, 'oneOf values must differ'),
    }),
    z.strictObject({
      range: z
        .tuple([z.number().int().min(0).max(0xffffffff), z.number().int().min(0).max(0xffffffff)], { error: 'range must be two whole numbers [min, max], e.g. [8000, 8999]' })
        .refine(([min, max]) => min <= max, 'range must be [min, max] with min not above max'),
    }),
  ],
  { error: 'a variable is { oneOf: [a, b, ...] } or { range: [min, max] }' },
);

export const VariablesSchema = z
  .record(z.string().regex(VARIABLE_NAME_PATTERN, 'a variable name must be letters, digits and _ (not starting with a digit), e.g. ns'), VariableSpecSchema)
  .refine((vars) => Object.keys(vars).length <= MAX_VARIABLES, `a lab may declare at most ${MAX_VARIABLES} variables`);

const SEED_RANGE = 'seed must be between 0 and 4294967295';

export const LabSchema = z.strictObject({
  id: id('a lab id', 'pod-network-basics'),
  title: nonEmpty('title'),
  module: id('a module slug', 'pod-network'),
  topology: TopologySchema.default({ cni: DEFAULT_CNI, proxyMode: 'iptables' }),
  seed: z.number().int('seed must be a whole number').min(0, SEED_RANGE).max(0xffffffff, SEED_RANGE).optional(),
  /** Path in the learner's filesystem → content; merged with the lab's files/ folder by the loader. */
  files: z
    .record(z.string().refine(isAbsoluteFilePath, 'file paths must be absolute, without . or .. parts, e.g. "/lab/app.yaml"'), z.string())
    .optional(),
  setup: z.string().default(''),
  steps: z.array(StepSchema).min(1, 'a lab needs at least one step'),
  /** Required, except in a sandbox lab, which has nothing to solve. */
  solution: nonEmpty('solution').optional(),
  mutations: z.array(MutationSchema).default([]),
  /**
   * A lesson sandbox (a module.yaml's `sandbox:`), not a lab to solve: never graded and listed in
   * no module's `labs:`. Its checks say the cluster is healthy, so each must be `initially: pass`;
   * it has no solution, hints or mutations.
   */
  sandbox: z.boolean().default(false),
  /** Per-learner variables (lab-variables.ts): drawn from the attempt's seed, used as `{{name}}` in every string of the lab, its files and step texts. */
  variables: VariablesSchema.optional(),
}).superRefine(sandboxRules, { when: () => true } as never);

/**
 * The solution a lab must have, and what a sandbox lab must not. Runs even when other fields are
 * wrong (`when`), so a missing solution is reported with the rest; `lab` may then be the raw input.
 */
function sandboxRules(lab: { sandbox?: unknown; solution?: unknown; mutations?: unknown; steps?: unknown }, ctx: z.RefinementCtx) {
  if (lab.sandbox !== true) {
    if (lab.solution === undefined) ctx.addIssue({ code: 'custom', path: ['solution'], message: 'required field is missing (expected a string)' });
    return;
  }
  const refuse = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  if (lab.solution !== undefined) refuse(['solution'], 'a sandbox lab has nothing to solve: remove solution, or remove sandbox: true');
  if (Array.isArray(lab.mutations) && lab.mutations.length > 0) refuse(['mutations'], 'a sandbox lab is never graded, so it has no near misses: remove mutations');
  if (!Array.isArray(lab.steps)) return;
  lab.steps.forEach((step: { hints?: unknown; checks?: unknown }, s) => {
    if (Array.isArray(step?.hints) && step.hints.length > 0) refuse(['steps', s, 'hints'], 'a sandbox lab has no hints: remove them');
    if (!Array.isArray(step?.checks)) return;
    step.checks.forEach((check: { initially?: unknown }, c) => {
      if (check?.initially !== 'pass') refuse(['steps', s, 'checks', c, 'initially'], 'a sandbox lab\'s checks say its cluster is healthy right after setup: mark each initially: pass');
    });
  });
}

/** A lab.yaml as validated, defaults applied. */
export type LabDefinition = z.output<typeof LabSchema>;
export type Step = z.output<typeof StepSchema>;
export type Check = z.output<typeof CheckSchema>;
export type CheckKind = Check['kind'];
export type ResourceCheck = z.output<typeof ResourceCheckSchema>;
export type ReachabilityCheck = z.output<typeof ReachabilityCheckSchema>;
/** A pod a check sends from, by name or selector (reachability, dns and http checks). */
export type PodSource = z.output<typeof ReachabilityFromSchema>;
/** A learner's netns on a node, as a reachability check sends from it. */
export type NetnsSource = z.output<typeof NetnsSourceSchema>;
export type DnsCheck = z.output<typeof DnsCheckSchema>;
export type HttpCheck = z.output<typeof HttpCheckSchema>;
export type CommandCheck = z.output<typeof CommandCheckSchema>;
export type AnswerCheck = z.output<typeof AnswerCheckSchema>;
export type LoadCheck = z.output<typeof LoadCheckSchema>;
export type ShellPlace = z.output<typeof ShellPlaceSchema>;
export type Mutation = z.output<typeof MutationSchema>;
export type Topology = z.output<typeof TopologySchema>;
export type VariableSpec = z.output<typeof VariableSpecSchema>;

/** The kinds a lab may use today, read from the union so this list can never drift from it. */
export const CHECK_KINDS: readonly CheckKind[] = CheckSchema.options.map((option) => option.shape.kind.value);
