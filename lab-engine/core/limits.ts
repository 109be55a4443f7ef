// Every bound on what a learner's input can make the engine do, in one place. A limit that is hit
// ends that one command with a clear message; it never hangs or crashes the session.

/** Bytes accepted by one `exec` call: a typed line, a paste or a whole lab script. */
export const MAX_INPUT_BYTES = 256 * 1024;

/** Bytes of stdout + stderr one `exec` call may produce; the rest is cut with a notice. */
export const MAX_OUTPUT_BYTES = 1024 * 1024;

/** Words and operators the shell tokenizer accepts from one input. */
export const MAX_TOKENS = 20_000;

/** Simple commands run by one `exec` call (a guard for pasted scripts and, later, loops). */
export const MAX_COMMANDS_PER_EXEC = 2_000;

/** Iterations of any loop construct in the shell (for/while, when they come). */
export const MAX_LOOP_ITERATIONS = 10_000;

/** Stages in one pipeline (`a | b | c ...`). */
export const MAX_PIPELINE_STAGES = 32;

/** Lines kept in the shell history. */
export const MAX_HISTORY_ENTRIES = 1_000;

/** Lifecycle rule firings per `advanceTo`; past this the clock still moves but rules stop for that call. */
export const MAX_LIFECYCLE_STEPS = 100_000;

/** The longest a single `sleep` may last (simulated or real), like a terminal session's patience. */
export const MAX_SLEEP_MS = 24 * 60 * 60 * 1000;

/** Requests one `load` check may send (rate × seconds): each is a packet walk, and grading must stay quick. */
export const MAX_LOAD_REQUESTS = 1_200;

/** The longest simulated window a `load` check may watch. */
export const MAX_LOAD_WINDOW_SECONDS = 120;

/** The highest rate a `load` check may send at (requests per simulated second). */
export const MAX_LOAD_RATE = 50;

/**
 * Pods the cluster model holds, across namespaces; creation beyond it is refused like a quota.
 * Sized so a snapshot of a full cluster (~3 KB a pod) stays far below the control channel's 8 MB.
 */
export const MAX_PODS = 1_000;

/**
 * spec.replicas one Deployment, ReplicaSet or StatefulSet may ask for, refused at admission like a
 * ResourceQuota: the controllers' work per tick grows with it, and a scale past it would only spin.
 */
export const MAX_WORKLOAD_REPLICAS = 250;

/** Bytes of one file in the workstation's virtual filesystem. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Bytes of one expanded shell word or variable (`a=$a$a` doubling); past it the input stops. */
export const MAX_WORD_BYTES = 1024 * 1024;

/** Nesting of shell constructs: `$(...)` inside `$(...)`, loops inside loops, `{ }` groups. */
export const MAX_SHELL_NESTING = 32;

/** CPU milliseconds one `exec` may burn before the shell stops it (a learner's runaway loop). */
export const MAX_EXEC_CPU_MS = 5_000;

/** Log lines kept per container (kubectl logs); older lines are dropped, as a rotated log would be. */
export const MAX_LOG_LINES_PER_CONTAINER = 1_000;

/** Nodes one packet may cross before the walk gives up, as a TTL would (a routing loop ends here). */
export const MAX_PACKET_HOPS = 16;

/** YAML aliases expanded while decoding a manifest (`kubectl apply -f`): stops "billion laughs" documents. */
export const MAX_MANIFEST_ALIASES = 100;

/** Documents in one manifest stream. */
export const MAX_MANIFEST_DOCUMENTS = 500;

/** Events kept per namespace; past it the oldest go first (kube-apiserver's --event-ttl drops them after an hour anyway). */
export const MAX_EVENTS_PER_NAMESPACE = 1_000;

/** Characters of one answer the learner states with `answer <check-id> <value>`. */
export const MAX_ANSWER_CHARS = 200;

/**
 * How many of its fixed random sources a `backend: self` reachability check tries for kube-proxy
 * to pick the caller's own endpoint: with n endpoints, all miss with probability ((n-1)/n)^64.
 */
export const MAX_SELF_BACKEND_DRAWS = 64;

/** Changes a learner may make by hand to one node's network (`ip netns add`, `ip link add`, `ip addr add`...): each is replayed on every dataplane rebuild. */
export const MAX_HAND_BUILT_CHANGES = 400;

/** Named network namespaces (`ip netns add`) one node may hold. */
export const MAX_NAMED_NETNS = 32;
