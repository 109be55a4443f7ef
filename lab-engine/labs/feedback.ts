// The catalogue of feedback a check can give: stable IDs (stored in the database, asserted by
// tests), a severity and typed parameters; the text is rendered from the parameters on demand,
// so wording can improve without touching stored results. Parameters added later are optional,
// so a result stored before them still renders (from its `reason`).

import { singular } from './describe-object';
import { allowanceText, backendsText, blockerText, deniedByText, type Allowance, type BackendsProblem, type Blocker, type DeniedByKind, type HopRef } from './reachability-feedback';

export type { Allowance, BackendsProblem, Blocker, DeniedByKind, HopRef } from './reachability-feedback';

export type Severity = 'success' | 'error' | 'info';

// A type alias, not an interface, so params stay assignable to Record<string, unknown> (the control channel's shape).
type ResourceRef = {
  resource: string;
  /** Absent for cluster-scoped resources (nodes, namespaces). */
  namespace?: string;
  name: string;
}

/** The parameters each feedback ID carries. Adding an ID here makes the catalogue below demand its text. */
export interface FeedbackParams {
  'resource.ok': ResourceRef & { jsonPath: string; actual: string };
  'resource.absent_ok': ResourceRef & { jsonPath: string };
  'resource.not_found': ResourceRef & { similar: string[] };
  'resource.value_mismatch': ResourceRef & { jsonPath: string; expected: string; actual: string };
  'resource.pattern_mismatch': ResourceRef & { jsonPath: string; pattern: string; actual: string };
  'resource.field_missing': ResourceRef & { jsonPath: string };
  'resource.field_present': ResourceRef & { jsonPath: string; actual: string };
  'reachability.allowed_ok': Flow & { reason: string };
  'reachability.denied_ok': Flow & { reason: string; hop?: HopRef; blocker?: Blocker };
  'reachability.unexpectedly_allowed': Flow & { reason: string; allowance?: Allowance };
  'reachability.unexpectedly_denied': Flow & { reason: string; hop?: HopRef; blocker?: Blocker };
  'reachability.denied_otherwise': Flow & { reason: string; expected: DeniedByKind; hop?: HopRef; blocker: Blocker };
  'reachability.wrong_backends': Flow & { reason: string; service: string; problem: BackendsProblem };
  'reachability.no_source': { namespace: string; selector: string };
  /** `nodes: all`: some nodes did not answer as expected; `first` is the first such node's own feedback. */
  'reachability.not_every_node': Flow & { answered: number; total: number; failing: string; first: Feedback };
  'reachability.not_own_endpoint': Flow & { draws: number };
  /** `encrypted: true`: the packet arrived, but some crossing between nodes was readable on the wire. */
  'reachability.not_encrypted': Flow & { reason: string; wire: string };
  'dns.resolved_ok': Lookup & { fqdn: string; addresses: string };
  'dns.nxdomain_ok': Lookup;
  'dns.no_answer_ok': Lookup & { reason: string };
  'dns.not_found': Lookup & { tried: string };
  'dns.wrong_address': Lookup & { fqdn: string; addresses: string; expected: string };
  'dns.unexpectedly_resolved': Lookup & { fqdn: string; addresses: string };
  'dns.no_answer': Lookup & { reason: string };
  'dns.slow': Lookup & { slow: number; lookups: number; maxSeconds: number; worst: string; stalls: number };
  'dns.fast_ok': Lookup & { lookups: number; maxSeconds: number; worst: string };
  'dns.too_many_queries': Lookup & { queries: number; max: number; tried: string };
  'dns.queries_ok': Lookup & { queries: number; max: number };
  'dns.no_cname': Lookup & { fqdn: string; addresses: string; cname: string; chain: string };
  'http.ok': Request & { status: number };
  'http.wrong_status': Request & { status: number; expected: number; servedBy: string };
  'http.body_mismatch': Request & { status: number; expected: string; excerpt: string };
  'http.no_response': Request & { reason: string };
  /** `expect.bodyBytes`: the whole response arrived, but its body is not the size asked for. */
  'http.body_size': Request & { status: number; bytes: number; expected: number };
  /** Nothing to send to yet: the Service, node or external IP the check dials does not exist in the cluster. */
  'http.no_target': { from: string; message: string };
  /** `nodes: all`: some nodes did not answer as expected; `first` is the first such node's own feedback. */
  'http.not_every_node': Request & { answered: number; total: number; failing: string; first: Feedback };
  'http.tls_default_certificate': Request & { host: string; subject: string; reason: string };
  'http.tls_name_mismatch': Request & { host: string; subject: string; names: string };
  'http.tls_no_san': Request & { host: string; subject: string; source: string };
  'http.tls_covers_host': Request & { host: string; subject: string; source: string };
  'http.tls_untrusted': Request & { host: string; subject: string; source: string; chrome: string; text: string };
  'http.tls_expired': Request & { host: string; subject: string; source: string; chrome: string; text: string; notAfter: string; now: string };
  'command.ok': Run & { exitCode: number };
  'command.no_match': Run & { pattern: string; excerpt: string };
  'command.unexpected_match': Run & { pattern: string; line: string };
  'command.wrong_exit_code': Run & { exitCode: number; expected: number; excerpt: string };
  'command.no_node': { node: string };
  'answer.correct': Question & { answer: string };
  'answer.missing': Question;
  'answer.wrong': Question & { answer: string };
  'answer.no_truth': Question & { reason: string };
  'check.error': { message: string };
  /** `during`: what ran in the copy while the load ran (absent: nothing). `pods`: each backend pod and how many it answered. */
  'load.ok': Load & { sent: number; pods: string };
  /** `failures`: each kind of failure (`3 × connection refused (TCP reset) by 10.244.1.4:8080 (pod shop/web-…)`), in order of first seen. */
  'load.failed': Load & { sent: number; failed: number; maxFailed: number; firstSecond: number; lastSecond: number; failures: string };
  'load.uneven': Load & { sent: number; pod: string; share: number; minShare: number; pods: string };
  'load.rollout_incomplete': Load & { deployment: string; status: string };
  /** samePodPerClient: the client's requests moved from one pod to another (`moves` times; the first at `second`). */
  'load.client_moved': Load & { sent: number; moves: number; second: number; fromPod: string; toPod: string; pods: string };
  /** shares: the pods `selector` picks answered `share`% of `answered` requests, outside [min, max]. */
  'load.share_out_of_range': Load & { selector: string; share: number; min: number; max: number; answered: number; pods: string };
}

/** A load run: who sent, where, how fast, for how long, and what ran meanwhile. */
type Load = Request & ({ rate: number; everySeconds?: never } | { everySeconds: number; rate?: never }) & { seconds: number; during?: string };

const pace = (p: Load) => (p.rate !== undefined ? `${p.rate} GET/s to ${p.url}` : `a GET of ${p.url} every ${p.everySeconds} s`);
const loadRun = (p: Load) => `From ${p.from}, ${pace(p)} for ${p.seconds} s${p.during ? ` while \`${p.during}\` ran` : ''}`;

/**
 * A command the grader ran: where (`the workstation`, `node-2`, `pod shop/web-1`), and its line or,
 * when the lab words it (`shows`), what it looks at; then the line is not sent at all, since it
 * may hold another check's answer.
 */
type Run = { where: string } & ({ run: string; shows?: never } | { shows: string; run?: never });

const ran = (p: Run) => (p.shows !== undefined ? p.shows : `\`${p.run}\``);

type Question = { questionId: string; question: string };

type Request = { from: string; url: string };

type Lookup = { from: string; name: string };

type Flow = { from: string; to: string };

export type FeedbackId = keyof FeedbackParams;

interface CatalogueEntry<Id extends FeedbackId> {
  severity: Severity;
  render(params: FeedbackParams[Id]): string;
}

const ref = (p: ResourceRef) => `${singular(p.resource)} ${p.namespace ? `${p.namespace}/` : ''}${p.name}`;

export const FEEDBACK: { [Id in FeedbackId]: CatalogueEntry<Id> } = {
  'resource.ok': { severity: 'success', render: (p) => `${ref(p)}: ${p.jsonPath} is ${quote(p.actual)}` },
  'resource.absent_ok': { severity: 'success', render: (p) => `${ref(p)} has no ${p.jsonPath}, as expected` },
  'resource.not_found': {
    severity: 'error',
    render: (p) =>
      `There is no ${singular(p.resource)} named ${p.name}${p.namespace ? ` in namespace ${p.namespace}` : ''}` +
      (p.similar.length ? `. Did you mean ${p.similar.join(' or ')}?` : ''),
  },
  'resource.value_mismatch': {
    severity: 'error',
    render: (p) => `${ref(p)}: ${p.jsonPath} is ${quote(p.actual)}, expected ${quote(p.expected)}`,
  },
  'resource.pattern_mismatch': {
    severity: 'error',
    render: (p) => `${ref(p)}: ${p.jsonPath} is ${quote(p.actual)}, which does not match /${p.pattern}/`,
  },
  'resource.field_missing': { severity: 'error', render: (p) => `${ref(p)} has no ${p.jsonPath} yet` },
  'resource.field_present': { severity: 'error', render: (p) => `${ref(p)} still has ${p.jsonPath} (${quote(p.actual)})` },
  'reachability.allowed_ok': { severity: 'success', render: (p) => `${p.from} reaches ${p.to}` },
  'reachability.denied_ok': { severity: 'success', render: (p) => `${p.from} cannot reach ${p.to}, as intended: ${p.blocker ? blockerText(p.blocker) : p.reason}` },
  'reachability.unexpectedly_allowed': { severity: 'error', render: (p) => `${p.from} can still reach ${p.to}; it should not${p.allowance ? `: ${allowanceText(p.allowance)}` : ''}` },
  'reachability.unexpectedly_denied': { severity: 'error', render: (p) => `${p.from} cannot reach ${p.to}: ${p.blocker ? blockerText(p.blocker) : p.reason}` },
  'reachability.denied_otherwise': { severity: 'error', render: (p) => `${p.from} cannot reach ${p.to}, but the check needs ${deniedByText(p.expected)} to stop it, and here ${blockerText(p.blocker)}` },
  'reachability.wrong_backends': { severity: 'error', render: (p) => `${p.from} reaches ${p.to}, but ${backendsText(p.service, p.problem)}` },
  'reachability.not_every_node': { severity: 'error', render: (p) => `From ${p.from}, ${p.answered === 0 ? `none of the ${p.total} nodes behaves` : `only ${p.answered} of ${p.total} nodes behave`} as expected for ${p.to}; not ${p.failing}. ${renderFeedback(p.first)}` },
  'reachability.no_source': { severity: 'error', render: (p) => `No running pod in namespace ${p.namespace} matches ${p.selector} to send from yet` },
  'reachability.not_encrypted': { severity: 'error', render: (p) => `${p.from} reaches ${p.to}, but not encrypted: ${p.wire}` },
  'reachability.not_own_endpoint': { severity: 'error', render: (p) => `kube-proxy never sent ${p.from}'s connection to ${p.to} back to ${p.from} itself (${p.draws} tries): it is not one of the Service's ready endpoints` },
  'dns.resolved_ok': { severity: 'success', render: (p) => `From ${p.from}, ${p.name} resolves to ${p.addresses} (${p.fqdn})` },
  'dns.nxdomain_ok': { severity: 'success', render: (p) => `From ${p.from}, ${p.name} does not resolve, as intended` },
  'dns.no_answer_ok': { severity: 'success', render: (p) => `From ${p.from}, a lookup of ${p.name} gets no answer, as intended: ${p.reason}` },
  'dns.not_found': { severity: 'error', render: (p) => `From ${p.from}, ${p.name} does not resolve: CoreDNS answered NXDOMAIN for ${p.tried}` },
  'dns.wrong_address': { severity: 'error', render: (p) => `From ${p.from}, ${p.name} resolves to ${p.addresses} (${p.fqdn}), not to ${p.expected}` },
  'dns.unexpectedly_resolved': { severity: 'error', render: (p) => `From ${p.from}, ${p.name} still resolves to ${p.addresses} (${p.fqdn})` },
  'dns.no_answer': { severity: 'error', render: (p) => `From ${p.from}, a lookup of ${p.name} gets no answer: ${p.reason}` },
  'dns.slow': { severity: 'error', render: (p) => `From ${p.from}, ${p.slow} of ${p.lookups} lookups of ${p.name} took longer than ${p.maxSeconds} s (the slowest ${p.worst}); ${p.stalls} queries went unanswered and the resolver waited out its timeout before asking again` },
  'dns.fast_ok': { severity: 'success', render: (p) => `From ${p.from}, all ${p.lookups} lookups of ${p.name} answered within ${p.maxSeconds} s (the slowest ${p.worst})` },
  'dns.too_many_queries': { severity: 'error', render: (p) => `From ${p.from}, one lookup of ${p.name} sends ${p.queries} queries to the nameserver (at most ${p.max} wanted): it asks ${p.tried}` },
  'dns.queries_ok': { severity: 'success', render: (p) => `From ${p.from}, one lookup of ${p.name} sends ${p.queries} queries (at most ${p.max})` },
  'dns.no_cname': { severity: 'error', render: (p) => `From ${p.from}, ${p.name} resolves to ${p.addresses} (${p.fqdn}), but ${p.chain ? `through ${p.chain}` : 'without any CNAME'}, not through ${p.cname}` },
  'http.ok': { severity: 'success', render: (p) => `From ${p.from}, GET ${p.url} answers ${p.status}` },
  'http.wrong_status': { severity: 'error', render: (p) => `From ${p.from}, GET ${p.url} answers ${p.status}, expected ${p.expected}: ${p.servedBy}` },
  'http.body_mismatch': { severity: 'error', render: (p) => `From ${p.from}, GET ${p.url} answers ${p.status} but the page does not contain ${quote(p.expected)} (it starts ${quote(p.excerpt)})` },
  'http.no_response': { severity: 'error', render: (p) => `From ${p.from}, GET ${p.url} gets no answer: ${p.reason}` },
  'http.body_size': { severity: 'error', render: (p) => `From ${p.from}, GET ${p.url} answers ${p.status} with a ${p.bytes}-byte body, not the ${p.expected} bytes expected` },
  'http.no_target': { severity: 'error', render: (p) => `From ${p.from}, there is nowhere to send the request yet: ${p.message}` },
  'http.not_every_node': { severity: 'error', render: (p) => `From ${p.from}, ${p.answered === 0 ? `none of the ${p.total} nodes answers` : `only ${p.answered} of ${p.total} nodes answer`} GET ${p.url} as expected; not ${p.failing}. ${renderFeedback(p.first)}` },
  'http.tls_default_certificate': { severity: 'error', render: (p) => `From ${p.from}, GET ${p.url} is served with the controller's default certificate (${p.subject}), not one for ${p.host}: ${p.reason}` },
  'http.tls_name_mismatch': { severity: 'error', render: (p) => `From ${p.from}, GET ${p.url} is served with a certificate for ${p.names || p.subject}, which does not cover ${p.host}` },
  'http.tls_no_san': { severity: 'error', render: (p) => `From ${p.from}, GET ${p.url} is served with a certificate (${p.subject}, from ${p.source}) that has no subjectAltName: browsers and Go match ${p.host} against its DNS names only and ignore the CN, so they reject it` },
  'http.tls_covers_host': { severity: 'error', render: (p) => `From ${p.from}, GET ${p.url} is served with a certificate for ${p.host} (${p.subject}, from ${p.source}), which this check expects not to happen` },
  'http.tls_untrusted': { severity: 'error', render: (p) => `From ${p.from}, a browser refuses https://${p.host}/ with ${p.chrome}: the certificate (${p.subject}, from ${p.source}) does not lead to a root it trusts (OpenSSL: ${p.text}; tls.crt must hold the certificate followed by its intermediates)` },
  'http.tls_expired': { severity: 'error', render: (p) => `From ${p.from}, a browser refuses https://${p.host}/ with ${p.chrome}: the certificate (${p.subject}, from ${p.source}) is valid until ${p.notAfter} and the time is ${p.now} (OpenSSL: ${p.text})` },
  'command.ok': { severity: 'success', render: (p) => `On ${p.where}, ${ran(p)} printed what was expected (exit status ${p.exitCode})` },
  'command.no_match': { severity: 'error', render: (p) => `On ${p.where}, ${ran(p)} printed nothing matching /${p.pattern}/ (${p.excerpt ? `it printed ${quote(p.excerpt)}` : 'it printed nothing'})` },
  'command.unexpected_match': { severity: 'error', render: (p) => `On ${p.where}, ${ran(p)} still prints ${quote(p.line)}, which matches /${p.pattern}/` },
  'command.wrong_exit_code': { severity: 'error', render: (p) => `On ${p.where}, ${ran(p)} exited with ${p.exitCode}, expected ${p.expected}${p.excerpt ? `: ${quote(p.excerpt)}` : ''}` },
  'command.no_node': { severity: 'error', render: (p) => `There is no node named ${p.node} to run the check on` },
  'answer.correct': { severity: 'success', render: (p) => `${p.question} Your answer, ${quote(p.answer)}, is right` },
  'answer.missing': { severity: 'info', render: (p) => `${p.question} Answer it in the terminal: answer ${p.questionId} VALUE` },
  'answer.wrong': { severity: 'error', render: (p) => `${p.question} Your answer, ${quote(p.answer)}, is not what the cluster shows; look again and answer ${p.questionId} with a new value` },
  'answer.no_truth': { severity: 'error', render: (p) => `${p.question} The cluster cannot tell the answer right now: ${p.reason}` },
  'check.error': { severity: 'error', render: (p) => `The check could not run: ${p.message}` },
  'load.ok': { severity: 'success', render: (p) => `${loadRun(p)}: all ${p.sent} requests answered (${p.pods})` },
  'load.failed': {
    severity: 'error',
    render: (p) => `${loadRun(p)}: ${p.failed} of ${p.sent} requests failed (at most ${p.maxFailed} may), between second ${p.firstSecond} and second ${p.lastSecond}: ${p.failures}`,
  },
  'load.uneven': { severity: 'error', render: (p) => `${loadRun(p)}: pod ${p.pod} answered only ${p.share}% of the requests (each pod should answer at least ${p.minShare}%): ${p.pods}` },
  'load.client_moved': {
    severity: 'error',
    render: (p) => `${loadRun(p)}: the client's requests moved between pods ${p.moves} time${p.moves === 1 ? '' : 's'}, first at second ${p.second} from ${p.fromPod} to ${p.toPod}; a session kept in one pod's memory is lost each time (${p.pods})`,
  },
  'load.rollout_incomplete': { severity: 'error', render: (p) => `${loadRun(p)}: the rollout of deployment ${p.deployment} had not finished when the window ended (${p.status})` },
  'load.share_out_of_range': {
    severity: 'error',
    render: (p) => `${loadRun(p)}: the pods ${p.selector} answered ${p.share}% of the ${p.answered} answered requests; expected between ${p.min}% and ${p.max}% (${p.pods})`,
  },
};

/** One piece of feedback: an ID and the parameters its text needs, kept together so they cannot mismatch. */
export type Feedback = { [Id in FeedbackId]: { feedbackId: Id; params: FeedbackParams[Id] } }[FeedbackId];

export function feedback<Id extends FeedbackId>(feedbackId: Id, params: FeedbackParams[Id]): { feedbackId: Id; params: FeedbackParams[Id] } {
  return { feedbackId, params };
}

export function renderFeedback(item: Feedback): string {
  // The correlated union cannot be narrowed through an index, so each entry renders through one typed helper.
  return renderEntry(item.feedbackId, item.params);
}

function renderEntry<Id extends FeedbackId>(id: Id, params: FeedbackParams[Id]): string {
  return FEEDBACK[id].render(params);
}

export function severityOf(id: FeedbackId): Severity {
  return FEEDBACK[id].severity;
}

export function isFeedbackId(value: string): value is FeedbackId {
  return Object.hasOwn(FEEDBACK, value);
}

function quote(text: string): string {
  return text === '' ? 'empty' : `"${text}"`;
}
