// The pod lifecycle as stages (kwok's kustomize/stage/pod/general, re-expressed for what the
// kubelet and kube-scheduler really report): scheduling, the sandbox and its IP, image pulls
// and their back-off, containers that exit and restart, graceful termination. Each entry is one
// transition; testdata/<stage>*.yaml pins what it does to a pod. Texts are the components' own
// (kube-scheduler's FailedScheduling and Scheduled, the kubelet's image manager, kuberuntime and
// pod workers).

import { UNSCHEDULABLE_RETRY_MS } from './pod-hooks';
import type { Stage, Step } from './stage';

/** Between an error and the back-off the kubelet reports, and between a crash and CrashLoopBackOff. */
const ERR_TO_BACKOFF_MS = 1_000;
const SANDBOX_MS = 1_000;

const BIND: readonly Step[] = [
  { kind: 'bind' },
  { kind: 'condition', type: 'PodReadyToStartContainers', status: 'False' },
  { kind: 'condition', type: 'Initialized', status: 'True' },
  { kind: 'readiness', ready: false },
  { kind: 'condition', type: 'PodScheduled', status: 'True' },
  { kind: 'all-waiting', reason: 'ContainerCreating' },
  { kind: 'write' },
  { kind: 'enter', stage: 'creating' },
];

const SCHEDULED: readonly Step[] = [{ kind: 'scheduler-event', action: 'Binding', type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned {{namespace}}/{{name}} to {{node}}' }, ...BIND];

const FAILED_SCHEDULING: Step = { kind: 'scheduler-event', action: 'Scheduling', type: 'Warning', reason: 'FailedScheduling', message: '{{message}}' };
const NOT_SCHEDULED: Step = { kind: 'condition', type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '{{message}}' };

const INVALID_NAME = 'Failed to apply default image tag "{{image}}": couldn\'t parse image name "{{image}}": invalid reference format';
const PULLING: Step = { kind: 'kubelet-event', about: 'container', type: 'Normal', reason: 'Pulling', message: 'Pulling image "{{image}}"' };
const PULLED_PRESENT: Step = { kind: 'kubelet-event', about: 'container', type: 'Normal', reason: 'Pulled', message: 'Container image "{{image}}" already present on machine' };
const PULLED: Step = { kind: 'kubelet-event', about: 'container', type: 'Normal', reason: 'Pulled', message: 'Successfully pulled image "{{image}}" in {{took}} ({{took}} including waiting). Image size: {{size}} bytes.' };

/** One container's image: stop the stage on a bad reference or a failed pull; `announce` is a pull after back-off, which says Pulling first. */
function ensureImages(announce: boolean): Step {
  const pulling = announce ? [PULLING] : [];
  return {
    kind: 'each-container',
    steps: [
      {
        kind: 'decide',
        hook: 'ensure-image',
        outcomes: {
          'invalid-image': [
            { kind: 'all-waiting', reason: 'InvalidImageName', message: INVALID_NAME },
            { kind: 'write' },
            { kind: 'kubelet-event', about: 'container', type: 'Warning', reason: 'InspectFailed', message: INVALID_NAME },
            { kind: 'kubelet-event', about: 'container', type: 'Warning', reason: 'Failed', message: 'Error: InvalidImageName' },
            { kind: 'enter', stage: 'invalid-image' },
            { kind: 'end' },
          ],
          'pull-failed': [
            { kind: 'count', counter: 'pull-failures' },
            { kind: 'all-waiting', reason: 'ErrImagePull', message: '{{message}}' },
            { kind: 'write' },
            ...pulling,
            { kind: 'kubelet-event', about: 'container', type: 'Warning', reason: 'Failed', message: 'Failed to pull image "{{image}}": {{message}}' },
            { kind: 'kubelet-event', about: 'container', type: 'Warning', reason: 'Failed', message: 'Error: ErrImagePull' },
            { kind: 'enter', stage: 'pull-error' },
            { kind: 'end' },
          ],
          present: [PULLED_PRESENT, { kind: 'cache-image' }],
          pulled: [...pulling, PULLED, { kind: 'cache-image' }],
        },
      },
    ],
  };
}

/** Every container running and Ready (no probes yet), announced per container. */
function start(restart: boolean): readonly Step[] {
  return [
    { kind: 'start-containers', restart },
    { kind: 'phase', phase: 'Running' },
    { kind: 'readiness', ready: true },
    {
      kind: 'each-container',
      steps: [
        { kind: 'kubelet-event', about: 'container', type: 'Normal', reason: 'Created', message: 'Created container: {{container}}' },
        { kind: 'kubelet-event', about: 'container', type: 'Normal', reason: 'Started', message: 'Started container {{container}}' },
      ],
    },
    { kind: 'write' },
    { kind: 'enter', stage: 'running' },
  ];
}

const TERMINATED: readonly Step[] = [{ kind: 'terminate-container' }, { kind: 'readiness', ready: false }];

function finished(phase: 'Succeeded' | 'Failed'): readonly Step[] {
  return [...TERMINATED, { kind: 'phase', phase }, { kind: 'condition', type: 'PodReadyToStartContainers', status: 'False' }, { kind: 'write' }, { kind: 'enter', stage: 'finished' }];
}

/** The kubelet's doBackOff names the pod as format.Pod does: name_namespace(uid). */
const POD_REF = '{{name}}_{{namespace}}({{uid}})';

export const POD_STAGES: readonly Stage[] = [
  {
    name: 'schedule',
    resource: 'pods',
    selector: { stage: 'unscheduled' },
    delay: { from: 'stage-entered', after: { kind: 'fixed', ms: 0 } },
    next: [{ kind: 'decide', hook: 'schedule', outcomes: { scheduled: SCHEDULED, assigned: BIND, unschedulable: [FAILED_SCHEDULING, NOT_SCHEDULED, { kind: 'write' }, { kind: 'enter', stage: 'unschedulable' }] } }],
  },
  {
    // Already reported: the condition does not change, so the pod is not written again.
    name: 'retry-schedule',
    resource: 'pods',
    selector: { stage: 'unschedulable' },
    delay: { from: 'stage-entered', after: { kind: 'fixed', ms: UNSCHEDULABLE_RETRY_MS } },
    next: [{ kind: 'decide', hook: 'schedule', outcomes: { scheduled: SCHEDULED, assigned: BIND, unschedulable: [FAILED_SCHEDULING, NOT_SCHEDULED, { kind: 'enter', stage: 'unschedulable' }] } }],
  },
  {
    name: 'create-sandbox',
    resource: 'pods',
    selector: { stage: 'creating' },
    delay: { from: 'stage-entered', after: { kind: 'fixed', ms: SANDBOX_MS } },
    next: [
      {
        kind: 'decide',
        hook: 'sandbox-address',
        outcomes: {
          exhausted: [{ kind: 'enter', stage: 'creating' }],
          allocated: [
            { kind: 'pod-ip' },
            { kind: 'condition', type: 'PodReadyToStartContainers', status: 'True' },
            { kind: 'write' },
            { kind: 'each-container', only: 'will-pull', steps: [PULLING] },
            { kind: 'enter', stage: 'pulling' },
          ],
        },
      },
    ],
  },
  {
    name: 'pull-and-start',
    resource: 'pods',
    selector: { stage: 'pulling' },
    delay: { from: 'stage-entered', after: { kind: 'image-pull' } },
    next: [ensureImages(false), ...start(false)],
  },
  {
    name: 'pull-error-to-backoff',
    resource: 'pods',
    selector: { stage: 'pull-error' },
    delay: { from: 'stage-entered', after: { kind: 'fixed', ms: ERR_TO_BACKOFF_MS } },
    next: [
      { kind: 'all-waiting', reason: 'ImagePullBackOff', message: 'Back-off pulling image "{{image}}": ErrImagePull: {{pullError}}' },
      { kind: 'write' },
      { kind: 'kubelet-event', about: 'container', type: 'Normal', reason: 'BackOff', message: 'Back-off pulling image "{{image}}"' },
      { kind: 'kubelet-event', about: 'container', type: 'Warning', reason: 'Failed', message: 'Error: ImagePullBackOff' },
      { kind: 'enter', stage: 'pull-backoff' },
    ],
  },
  {
    name: 'retry-pull',
    resource: 'pods',
    selector: { stage: 'pull-backoff' },
    delay: { from: 'stage-entered', after: { kind: 'back-off', count: 'pull-failures' } },
    next: [ensureImages(true), ...start(false)],
  },
  {
    // An attached `kubectl run -i` ends when the learner's command does (Cluster.finishContainer).
    name: 'container-exits',
    resource: 'pods',
    selector: { stage: 'running', matchExpressions: [{ key: 'runtime.attached', operator: 'NotIn', values: ['true'] }] },
    delay: { from: 'stage-entered', after: { kind: 'program-exit' } },
    next: [{ kind: 'decide', hook: 'container-exit', outcomes: { completed: finished('Succeeded'), failed: finished('Failed'), restarting: [...TERMINATED, { kind: 'write' }, { kind: 'enter', stage: 'exited' }] } }],
  },
  {
    name: 'crash-to-backoff',
    resource: 'pods',
    selector: { stage: 'exited' },
    delay: { from: 'stage-entered', after: { kind: 'fixed', ms: ERR_TO_BACKOFF_MS } },
    next: [
      { kind: 'container-back-off', reason: 'CrashLoopBackOff', message: `back-off {{backOffSeconds}}s restarting failed container={{container}} pod=${POD_REF}` },
      { kind: 'write' },
      { kind: 'kubelet-event', about: 'pod', type: 'Warning', reason: 'BackOff', message: `Back-off restarting failed container {{container}} in pod ${POD_REF}` },
      { kind: 'enter', stage: 'crash-backoff' },
    ],
  },
  {
    // The back-off counts from the crash; a second of it went by in `exited`.
    name: 'restart-container',
    resource: 'pods',
    selector: { stage: 'crash-backoff' },
    delay: { from: 'stage-entered', after: { kind: 'back-off', count: 'next-restart', lessMs: ERR_TO_BACKOFF_MS } },
    next: [
      { kind: 'count', counter: 'restarts' },
      { kind: 'each-container', steps: [{ kind: 'decide', hook: 'ensure-image', outcomes: { present: [PULLED_PRESENT], pulled: [PULLING, PULLED] } }] },
      ...start(true),
    ],
  },
  {
    name: 'finish-termination',
    resource: 'pods',
    selector: { stage: 'terminating' },
    delay: { from: 'stage-entered', after: { kind: 'termination' } },
    next: [{ kind: 'release-address' }, { kind: 'delete' }],
  },
];
