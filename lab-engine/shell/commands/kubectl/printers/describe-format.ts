// Pieces every describer shares, re-expressed from k8s.io/kubectl/pkg/describe/describe.go and
// apimachinery: multi-line Labels/Annotations/Taints/Tolerations blocks, label selectors as
// metav1.FormatLabelSelector prints them, and the two time layouts describe uses (RFC1123Z,
// and Go's time.Time.String for NetworkPolicy's "Created on").

import type { Event, Taint, Toleration } from '../../../../kube/types';
import type { LabelSelector } from '../../../../kube/network-policy';
import { LEVEL_0, LEVEL_1, type DescribeWriter } from './describe-writer';
import { humanDuration } from '../../../../kube/human-duration';
import { firstSeenMs, lastSeenMs } from '../../../../cluster/event-recorder';

/** Annotations describe never shows (describe.go skipAnnotations). */
const SKIPPED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
/** describe.go maxAnnotationLen: longer `key: value` pairs go on their own indented lines. */
const MAX_ANNOTATION_LEN = 140;

export function stringOrNone(s: string | undefined): string {
  return s ? s : '<none>';
}

/** printLabelsMultilineWithIndent: `Title:<tab>k=v`, further pairs on lines of their own. */
export function printLabelsMultiline(w: DescribeWriter, title: string, labels: Readonly<Record<string, string>> | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}${innerIndent}`);
    w.write(LEVEL_0, `${key}=${labels![key]}\n`);
  });
}

/** printAnnotationsMultiline: like labels, `key: value`, long or multi-line values broken out. */
export function printAnnotationsMultiline(w: DescribeWriter, title: string, annotations: Readonly<Record<string, string>> | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {}).filter((k) => !SKIPPED_ANNOTATIONS.has(k)).sort();
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const value = annotations![key].replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const line of value.split('\n')) w.write(LEVEL_0, `${indent}  ${shorten(line, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}...` : s;
}

/** printTaintsMultilineWithIndent: sorted by effect then key, `key=value:Effect`. */
export function printTaintsMultiline(w: DescribeWriter, title: string, taints: readonly Taint[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!taints?.length) {
    w.writeLine('<none>');
    return;
  }
  const sorted = [...taints].sort((a, b) => compare(`${a.effect},${a.key}`, `${b.effect},${b.key}`));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${t.value ? `${t.key}=${t.value}` : t.key}:${t.effect}\n`);
  });
}

/** printTolerationsMultilineWithIndent: sorted by key, `key=value:Effect op=Exists for Ns`. */
export function printTolerationsMultiline(w: DescribeWriter, title: string, tolerations: readonly Toleration[] | undefined, initialIndent = ''): void {
  w.write(LEVEL_0, `${initialIndent}${title}:\t`);
  if (!tolerations?.length) {
    w.writeLine('<none>');
    return;
  }
  const sorted = [...tolerations].sort((a, b) => compare(a.key ?? '', b.key ?? ''));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}\t`);
    let line = t.key ?? '';
    if (t.value) line += `=${t.value}`;
    if (t.effect) line += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) line += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined) line += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${line}\n`);
  });
}

/** labels.FormatLabels: `k=v,k2=v2` sorted by key, `<none>` when empty. */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(',') : '<none>';
}

/** labels.Selector.String() of metav1.LabelSelectorAsSelector: requirements sorted by key; '' selects everything. */
export function selectorString(selector: LabelSelector | undefined): string {
  if (!selector) return '';
  const reqs: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) reqs.push({ key, text: `${key}=${value}` });
  for (const e of selector.matchExpressions ?? []) {
    const values = [...new Set(e.values ?? [])].sort().join(',');
    const text = e.operator === 'In' ? `${e.key} in (${values})` : e.operator === 'NotIn' ? `${e.key} notin (${values})` : e.operator === 'Exists' ? e.key : `!${e.key}`;
    reqs.push({ key: e.key, text });
  }
  return reqs.sort((a, b) => compare(a.key, b.key)).map((r) => r.text).join(',');
}

/** metav1.FormatLabelSelector: the selector string, `<none>` when it selects everything. */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  return selectorString(selector) || '<none>';
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z layout (`Mon, 02 Jan 2006 15:04:05 -0700`) in UTC, kubectl's zone here. */
export function rfc1123z(timestamp: string | undefined): string {
  // A missing metav1.Time is Go's zero time.
  if (!timestamp) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(Date.parse(timestamp));
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${clock(d)} +0000`;
}

/** Go's time.Time.String() (`2006-01-02 15:04:05 +0000 UTC`), as `%s` prints a metav1.Time. */
export function goTimeString(timestamp: string): string {
  const d = new Date(Date.parse(timestamp));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${clock(d)} +0000 UTC`;
}

function clock(d: Date): string {
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * DescribeEvents: `<none>`, or a table of the object's events, oldest first (SortableEvents by
 * series.lastObservedTime, else lastTimestamp, else eventTime), Age as `10s` or
 * `2m (x3 over 5m)`, From the source component or else the reporting controller.
 */
export function describeEvents(w: DescribeWriter, events: readonly Event[] = [], nowMs = 0): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sortEventsByTime(events)) {
    w.write(LEVEL_1, `${e.type}\t${e.reason}\t${eventInterval(e, nowMs)}\t${e.source.component || e.reportingComponent}\t${e.message.trim()}\n`);
  }
}

/** event.SortableEvents: a stable sort on the time an event was last seen. */
export function sortEventsByTime(events: readonly Event[]): Event[] {
  return [...events].sort((a, b) => lastSeenMs(a) - lastSeenMs(b));
}

/** The Age/LAST SEEN cell of describe and `kubectl events`: first seen, or `last (xN over first)` for repeats. */
export function eventInterval(e: Event, nowMs: number): string {
  const first = humanDuration(nowMs - firstSeenMs(e));
  if (e.series) return `${humanDuration(nowMs - Date.parse(e.series.lastObservedTime))} (x${e.series.count} over ${first})`;
  if ((e.count ?? 0) > 1) return `${humanDuration(nowMs - Date.parse(e.lastTimestamp!))} (x${e.count} over ${first})`;
  return first;
}

/** `Kind/name` of the controlling owner (describe.go printController), or ''. */
export function controllerOf(owners: readonly { kind: string; name: string; controller?: boolean }[] | undefined): string {
  const owner = owners?.find((o) => o.controller);
  return owner ? `${owner.kind}/${owner.name}` : '';
}

/** Byte order, as Go's sort.Strings compares. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
