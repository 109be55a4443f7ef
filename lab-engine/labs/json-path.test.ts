import { describe, expect, it } from 'vitest';
import { evaluateJsonPath, parseJsonPath, renderJsonPathResults } from './json-path';

const pod = {
  metadata: { name: 'web', labels: { app: 'web', 'kubernetes.io/hostname': 'node-1' } },
  spec: { containers: [{ name: 'web', image: 'nginx' }, { name: 'side', image: 'busybox' }] },
  status: {
    phase: 'Running',
    podIP: '10.244.1.2',
    conditions: [
      { type: 'Initialized', status: 'True' },
      { type: 'Ready', status: 'False', reason: 'ContainersNotReady' },
    ],
    containerStatuses: [{ name: 'web', restartCount: 3, ready: false }],
  },
};

function run(template: string): string {
  const parsed = parseJsonPath(template);
  if (!parsed.ok) throw new Error(parsed.message);
  return renderJsonPathResults(evaluateJsonPath(parsed.segments, pod));
}

describe('kubectl JSONPath subset', () => {
  it.each([
    ['{.status.phase}', 'Running'],
    ['{$.status.podIP}', '10.244.1.2'],
    ['{.spec.containers[0].image}', 'nginx'],
    ['{.spec.containers[-1].name}', 'side'],
    ['{.spec.containers[*].image}', 'nginx busybox'],
    ['{.spec.containers.*.name}', 'web side'],
    ['{.status.conditions[?(@.type=="Ready")].status}', 'False'],
    ["{.status.conditions[?(@.type!='Ready')].type}", 'Initialized'],
    ['{.status.conditions[?(@.reason)].type}', 'Ready'],
    ['{.status.containerStatuses[?(@.restartCount==3)].name}', 'web'],
    ['{.status.containerStatuses[0].ready}', 'false'],
    ["{.metadata.labels['kubernetes.io/hostname']}", 'node-1'],
    ['{.metadata.labels.kubernetes\\.io/hostname}', 'node-1'],
    ['{.metadata.labels}', '{"app":"web","kubernetes.io/hostname":"node-1"}'],
    ['{.status.nothing}', ''],
    ['{.spec.containers[5].name}', ''],
    ['{ .status.phase }', 'Running'],
  ])('%s prints %j', (template, expected) => {
    expect(run(template)).toBe(expected);
  });

  it.each([
    ['.status.phase', 'jsonPath must be one expression in braces, like kubectl\'s -o jsonpath: "{.status.phase}"'],
    ['{status.phase}', 'jsonPath {status.phase}: unexpected "s" at position 1; fields start with "." (e.g. .status.phase)'],
    ['{.status..phase}', 'jsonPath {.status..phase}: recursive descent ("..") is not supported in checks'],
    ['{.spec.containers[0}', 'jsonPath {.spec.containers[0}: unclosed "["'],
    ['{.a[?(@.type=="Ready"]}', 'jsonPath {.a[?(@.type=="Ready"]}: unclosed filter; end it with ")]"'],
    ['{.a[?(@.type==Ready)]}', 'jsonPath {.a[?(@.type==Ready)]}: "Ready" is not a value a filter can compare with; quote strings: "Ready"'],
    ['{.a[1:2]}', 'jsonPath {.a[1:2]}: unsupported "[1:2]"; use [n], [*], [\'name\'] or [?(@.field=="value")]'],
  ])('rejects %s', (template, message) => {
    expect(parseJsonPath(template)).toEqual({ ok: false, message });
  });
});
