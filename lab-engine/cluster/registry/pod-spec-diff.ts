// The diff ValidatePodUpdate appends to its Forbidden message: `cmp.Diff(oldPod.Spec,
// mungedPodSpec)` from github.com/google/go-cmp over the INTERNAL core.PodSpec
// (pkg/apis/core/types.go, v1.34 field order), which is why it reads `core.PodSpec{`, shows
// `InitContainers: nil` and puts hostNetwork inside `SecurityContext`. What is reproduced of
// go-cmp's report: a `-`/`+`/space column, tab indentation, two identical fields of context around
// a change and `... // N identical fields` for the rest, keys aligned within a run of one-line
// entries, types elided inside identical values and shown on changed ones. What is not: go-cmp
// deliberately randomises part of its whitespace (a non-breaking space may replace a space) so the
// real text is not byte-stable, and its edit-script over slices is approximated by a common
// prefix/suffix match.

type J = unknown;
type Scalar = 'string' | 'int' | 'bool' | '*int' | '*string' | '*bool';
type Shape = Scalar | { list: string; fields?: Field[] } | { map: string } | { ptr: string; fields?: Field[] } | { struct: string; fields?: Field[] };
interface Field {
  go: string;
  json: string;
  shape: Shape;
}

const f = (go: string, json: string, shape: Shape): Field => ({ go, json, shape });

const CONTAINER_PORT: Field[] = [f('Name', 'name', 'string'), f('HostPort', 'hostPort', 'int'), f('ContainerPort', 'containerPort', 'int'), f('Protocol', 'protocol', 'string'), f('HostIP', 'hostIP', 'string')];
const ENV_VAR: Field[] = [f('Name', 'name', 'string'), f('Value', 'value', 'string'), f('ValueFrom', 'valueFrom', { ptr: 'core.EnvVarSource' })];
const VOLUME_MOUNT: Field[] = [f('Name', 'name', 'string'), f('ReadOnly', 'readOnly', 'bool'), f('RecursiveReadOnly', 'recursiveReadOnly', '*string'), f('MountPath', 'mountPath', 'string'), f('SubPath', 'subPath', 'string'), f('MountPropagation', 'mountPropagation', '*string'), f('SubPathExpr', 'subPathExpr', 'string')];
const TOLERATION: Field[] = [f('Key', 'key', 'string'), f('Operator', 'operator', 'string'), f('Value', 'value', 'string'), f('Effect', 'effect', 'string'), f('TolerationSeconds', 'tolerationSeconds', '*int')];

const CONTAINER: Field[] = [
  f('Name', 'name', 'string'), f('Image', 'image', 'string'), f('Command', 'command', { list: '[]string' }), f('Args', 'args', { list: '[]string' }), f('WorkingDir', 'workingDir', 'string'),
  f('Ports', 'ports', { list: '[]core.ContainerPort', fields: CONTAINER_PORT }), f('EnvFrom', 'envFrom', { list: '[]core.EnvFromSource' }), f('Env', 'env', { list: '[]core.EnvVar', fields: ENV_VAR }),
  f('Resources', 'resources', { struct: 'core.ResourceRequirements' }), f('ResizePolicy', 'resizePolicy', { list: '[]core.ContainerResizePolicy' }), f('RestartPolicy', 'restartPolicy', '*string'),
  f('RestartPolicyRules', 'restartPolicyRules', { list: '[]core.ContainerRestartRule' }), f('VolumeMounts', 'volumeMounts', { list: '[]core.VolumeMount', fields: VOLUME_MOUNT }),
  f('VolumeDevices', 'volumeDevices', { list: '[]core.VolumeDevice' }), f('LivenessProbe', 'livenessProbe', { ptr: 'core.Probe' }), f('ReadinessProbe', 'readinessProbe', { ptr: 'core.Probe' }),
  f('StartupProbe', 'startupProbe', { ptr: 'core.Probe' }), f('Lifecycle', 'lifecycle', { ptr: 'core.Lifecycle' }), f('TerminationMessagePath', 'terminationMessagePath', 'string'),
  f('TerminationMessagePolicy', 'terminationMessagePolicy', 'string'), f('ImagePullPolicy', 'imagePullPolicy', 'string'), f('SecurityContext', 'securityContext', { ptr: 'core.SecurityContext' }),
  f('Stdin', 'stdin', 'bool'), f('StdinOnce', 'stdinOnce', 'bool'), f('TTY', 'tty', 'bool'),
];

const POD_SPEC: Field[] = [
  f('Volumes', 'volumes', { list: '[]core.Volume' }), f('InitContainers', 'initContainers', { list: '[]core.Container', fields: CONTAINER }), f('Containers', 'containers', { list: '[]core.Container', fields: CONTAINER }),
  f('EphemeralContainers', 'ephemeralContainers', { list: '[]core.EphemeralContainer' }), f('RestartPolicy', 'restartPolicy', 'string'), f('TerminationGracePeriodSeconds', 'terminationGracePeriodSeconds', '*int'),
  f('ActiveDeadlineSeconds', 'activeDeadlineSeconds', '*int'), f('DNSPolicy', 'dnsPolicy', 'string'), f('NodeSelector', 'nodeSelector', { map: 'map[string]string' }), f('ServiceAccountName', 'serviceAccountName', 'string'),
  f('AutomountServiceAccountToken', 'automountServiceAccountToken', '*bool'), f('NodeName', 'nodeName', 'string'), f('SecurityContext', 'securityContext', { ptr: 'core.PodSecurityContext' }),
  f('ImagePullSecrets', 'imagePullSecrets', { list: '[]core.LocalObjectReference' }), f('Hostname', 'hostname', 'string'), f('Subdomain', 'subdomain', 'string'), f('SetHostnameAsFQDN', 'setHostnameAsFQDN', '*bool'),
  f('Affinity', 'affinity', { ptr: 'core.Affinity' }), f('SchedulerName', 'schedulerName', 'string'), f('Tolerations', 'tolerations', { list: '[]core.Toleration', fields: TOLERATION }),
  f('HostAliases', 'hostAliases', { list: '[]core.HostAlias' }), f('PriorityClassName', 'priorityClassName', 'string'), f('Priority', 'priority', '*int'), f('PreemptionPolicy', 'preemptionPolicy', '*string'),
  f('DNSConfig', 'dnsConfig', { ptr: 'core.PodDNSConfig' }), f('ReadinessGates', 'readinessGates', { list: '[]core.PodReadinessGate' }), f('RuntimeClassName', 'runtimeClassName', '*string'),
  f('Overhead', 'overhead', { map: 'core.ResourceList' }), f('EnableServiceLinks', 'enableServiceLinks', '*bool'), f('TopologySpreadConstraints', 'topologySpreadConstraints', { list: '[]core.TopologySpreadConstraint' }),
  f('OS', 'os', { ptr: 'core.PodOS' }), f('SchedulingGates', 'schedulingGates', { list: '[]core.PodSchedulingGate' }), f('ResourceClaims', 'resourceClaims', { list: '[]core.PodResourceClaim' }),
  f('Resources', 'resources', { ptr: 'core.ResourceRequirements' }), f('HostnameOverride', 'hostnameOverride', '*string'),
];

/** The v1 spec as the internal type holds it: hostNetwork/hostPID/hostIPC live in the pod's SecurityContext. */
function internalSpec(spec: Record<string, J>): Record<string, J> {
  const out: Record<string, J> = { ...spec };
  const hosts: Record<string, J> = {};
  for (const k of ['hostNetwork', 'hostPID', 'hostIPC', 'shareProcessNamespace']) {
    if (out[k] !== undefined) hosts[k] = out[k];
    delete out[k];
  }
  out.securityContext = { ...hosts, ...((spec.securityContext as Record<string, J>) ?? {}) };
  return out;
}

/** `cmp.Diff(old, next)` of two v1 pod specs, as go-cmp prints it for core.PodSpec. */
export function podSpecDiff(oldSpec: object, nextSpec: object): string {
  const lines = ['  core.PodSpec{', ...structBody(POD_SPEC, internalSpec(oldSpec as Record<string, J>), internalSpec(nextSpec as Record<string, J>), 1), '  }'];
  return lines.join('\n');
}

const same = (a: J, b: J) => JSON.stringify(norm(a)) === JSON.stringify(norm(b));
function norm(v: J): J {
  if (Array.isArray(v)) return v.length ? v.map(norm) : undefined;
  if (v && typeof v === 'object') {
    const out: Record<string, J> = {};
    for (const k of Object.keys(v).sort()) {
      const n = norm((v as Record<string, J>)[k]);
      if (n !== undefined && n !== false && n !== '' && n !== 0) out[k] = n;
    }
    return out;
  }
  return v;
}

type Rec = { kind: 'line'; mark: ' ' | '-' | '+'; key: string; text: string } | { kind: 'block'; lines: string[] } | { kind: 'ellipsis'; text: string };

const row = (mark: ' ' | '-' | '+', depth: number, text: string) => `${mark} ${'\t'.repeat(depth)}${text}`;

function structBody(fields: Field[], a: Record<string, J>, b: Record<string, J>, depth: number): string[] {
  const changed = fields.map((fd) => !same(a[fd.json], b[fd.json]));
  const shown = fields.map((_, i) => changed.slice(Math.max(0, i - 2), i + 3).some(Boolean));
  const recs: Rec[] = [];
  let hidden = 0;
  const flush = () => {
    if (hidden) recs.push({ kind: 'ellipsis', text: `... // ${hidden} identical ${hidden === 1 ? 'field' : 'fields'}` });
    hidden = 0;
  };
  fields.forEach((fd, i) => {
    if (!shown[i]) return void hidden++;
    flush();
    const key = `${fd.go}:`;
    if (!changed[i]) return void recs.push({ kind: 'line', mark: ' ', key, text: `${compact(fd.shape, a[fd.json], false)},` });
    const nested = nestedDiff(fd.shape, a[fd.json], b[fd.json], depth);
    if (nested) return void recs.push({ kind: 'block', lines: [row(' ', depth, `${key} ${nested.open}`), ...nested.body, row(' ', depth, '},')] });
    recs.push({ kind: 'line', mark: '-', key, text: `${compact(fd.shape, a[fd.json], true)},` });
    recs.push({ kind: 'line', mark: '+', key, text: `${compact(fd.shape, b[fd.json], true)},` });
  });
  flush();
  return render(recs, depth);
}

/** Keys are padded to the longest in each run of one-line entries; a block or an ellipsis ends the run. */
function render(recs: Rec[], depth: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < recs.length) {
    const r = recs[i];
    if (r.kind === 'block') out.push(...r.lines);
    if (r.kind === 'ellipsis') out.push(row(' ', depth, r.text));
    if (r.kind !== 'line') {
      i++;
      continue;
    }
    let j = i;
    while (j < recs.length && recs[j].kind === 'line') j++;
    const run = recs.slice(i, j) as Extract<Rec, { kind: 'line' }>[];
    const width = Math.max(...run.map((x) => x.key.length));
    for (const x of run) out.push(row(x.mark, depth, `${x.key.padEnd(width)} ${x.text}`));
    i = j;
  }
  return out;
}

/** A changed list of structs of equal length, or a changed struct on both sides, is diffed inside. */
function nestedDiff(shape: Shape, a: J, b: J, depth: number): { open: string; body: string[] } | undefined {
  if (typeof shape !== 'object') return undefined;
  if ('list' in shape && shape.fields && Array.isArray(a) && Array.isArray(b) && a.length && b.length) {
    return { open: `${shape.list}{`, body: listBody(shape.fields, a, b, depth + 1) };
  }
  if ('struct' in shape && shape.fields && a && b) return { open: `${shape.struct}{`, body: structBody(shape.fields, a as Record<string, J>, b as Record<string, J>, depth + 1) };
  return undefined;
}

function listBody(fields: Field[], a: J[], b: J[], depth: number): string[] {
  let head = 0;
  while (head < a.length && head < b.length && same(a[head], b[head])) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && same(a[a.length - 1 - tail], b[b.length - 1 - tail])) tail++;
  const elem = (v: J) => `${compactStruct(fields, v, false)},`;
  const out: string[] = [];
  const context = (items: J[], fromEnd: boolean) => {
    const keep = fromEnd ? items.slice(-2) : items.slice(0, 2);
    const skipped = items.length - keep.length;
    const skip = skipped ? [row(' ', depth, `... // ${skipped} identical ${skipped === 1 ? 'element' : 'elements'}`)] : [];
    const kept = keep.map((v) => row(' ', depth, elem(v)));
    return fromEnd ? [...skip, ...kept] : [...kept, ...skip];
  };
  out.push(...context(a.slice(0, head), true));
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  if (midA.length === midB.length) {
    midA.forEach((v, i) => out.push(row(' ', depth, '{'), ...structBody(fields, v as Record<string, J>, midB[i] as Record<string, J>, depth + 1), row(' ', depth, '},')));
  } else {
    for (const v of midA) out.push(row('-', depth, elem(v)));
    for (const v of midB) out.push(row('+', depth, elem(v)));
  }
  out.push(...context(a.slice(a.length - tail), false));
  return out;
}

const quote = (s: string) => JSON.stringify(s);

/** A value on one line: zero-valued struct fields left out, types shown only where `typed`. */
function compact(shape: Shape, v: J, typed: boolean): string {
  if (typeof shape === 'string') return scalar(shape, v);
  if ('list' in shape) {
    if (!Array.isArray(v) || !v.length) return 'nil';
    const items = v.map((x) => (shape.fields ? compactStruct(shape.fields, x, false) : shape.list === '[]core.Volume' ? volume(x) : generic(x)));
    return `${typed ? shape.list : ''}{${items.join(', ')}}`;
  }
  if ('map' in shape) {
    if (!v || typeof v !== 'object' || !Object.keys(v).length) return 'nil';
    const entries = Object.keys(v).sort().map((k) => `${quote(k)}: ${generic((v as Record<string, J>)[k])}`);
    return `${typed ? shape.map : ''}{${entries.join(', ')}}`;
  }
  if ('ptr' in shape) {
    if (v === undefined || v === null) return 'nil';
    return `&${typed ? shape.ptr : ''}${shape.fields ? compactStruct(shape.fields, v, false) : generic(v)}`;
  }
  return `${typed ? shape.struct : ''}${shape.fields ? compactStruct(shape.fields, v, false) : generic(v ?? {})}`;
}

function scalar(shape: Scalar, v: J): string {
  const ptr = shape.startsWith('*');
  if (v === undefined || v === null) {
    if (ptr) return 'nil';
    return shape === 'string' ? '""' : shape === 'int' ? '0' : 'false';
  }
  const text = typeof v === 'string' ? quote(v) : String(v);
  return ptr ? `&${text}` : text;
}

function compactStruct(fields: Field[], v: J, typed: boolean, type = ''): string {
  const o = (v ?? {}) as Record<string, J>;
  const parts = fields.filter((fd) => !isZero(fd.shape, o[fd.json])).map((fd) => `${fd.go}: ${compact(fd.shape, o[fd.json], false)}`);
  return `${typed ? type : ''}{${parts.join(', ')}}`;
}

/** Go's zero value of the field: a nil pointer (a pointer to an empty struct is not zero), an empty struct, list or map, "", 0, false. */
function isZero(shape: Shape, v: J): boolean {
  if (v === undefined || v === null) return true;
  if (typeof shape === 'string') return !shape.startsWith('*') && (v === '' || v === 0 || v === false);
  if ('ptr' in shape) return false;
  const n = norm(v);
  return n === undefined || (typeof n === 'object' && n !== null && !Object.keys(n).length);
}

const GO_NAMES: Record<string, string> = { apiVersion: 'APIVersion', hostIP: 'HostIP', tty: 'TTY', uid: 'UID', fsType: 'FSType', ip: 'IP' };
const goName = (k: string) => GO_NAMES[k] ?? k[0].toUpperCase() + k.slice(1);

/** A value with no field table: keys in the order stored, Go-cased. */
function generic(v: J): string {
  if (Array.isArray(v)) return `{${v.map(generic).join(', ')}}`;
  if (v && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${goName(k)}: ${generic(x)}`).join(', ')}}`;
  return typeof v === 'string' ? quote(v) : String(v);
}

/** The projected service-account token volume every pod gets, in core.Volume's own field order. */
function volume(v: J): string {
  const vol = v as { name: string; projected?: { defaultMode?: number; sources?: Record<string, J>[] } };
  const sources = vol.projected?.sources;
  if (!vol.projected || !sources || sources.length !== 3 || !sources[0].serviceAccountToken) return generic(v);
  const token = sources[0].serviceAccountToken as { expirationSeconds: number; path: string };
  const cm = sources[1].configMap as { name: string; items: { key: string; path: string }[] };
  const dapi = sources[2].downwardAPI as { items: { path: string; fieldRef: { apiVersion: string; fieldPath: string } }[] };
  const items = cm.items.map((i) => `{Key: ${quote(i.key)}, Path: ${quote(i.path)}}`).join(', ');
  const files = dapi.items.map((i) => `{Path: ${quote(i.path)}, FieldRef: &{APIVersion: ${quote(i.fieldRef.apiVersion)}, FieldPath: ${quote(i.fieldRef.fieldPath)}}}`).join(', ');
  return (
    `{Name: ${quote(vol.name)}, VolumeSource: {Projected: &{Sources: {{ServiceAccountToken: &{ExpirationSeconds: ${token.expirationSeconds}, Path: ${quote(token.path)}}}, ` +
    `{ConfigMap: &{LocalObjectReference: {Name: ${quote(cm.name)}}, Items: {${items}}}}, {DownwardAPI: &{Items: {${files}}}}}, DefaultMode: &${vol.projected.defaultMode ?? 420}}}}`
  );
}
