// `kubectl describe serviceaccount|role|clusterrole|rolebinding|clusterrolebinding`:
// describe.go's describeServiceAccount (Image pull secrets, then Events), RoleDescriber and
// ClusterRoleDescriber (a PolicyRule table of the broken-down, compacted rules) and
// RoleBindingDescriber / ClusterRoleBindingDescriber (Role, then a Subjects table).

import type { ClusterRole, ClusterRoleBinding, Event, Role, RoleBinding, ServiceAccount } from '../../../../kube/types';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from './describe-writer';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline } from './describe-format';
import { ruleRows } from './rbac-rules';

export function describeServiceAccount(sa: ServiceAccount, events: readonly Event[], nowMs: number): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${sa.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${sa.metadata.namespace}\n`);
  printLabelsMultiline(w, 'Labels', sa.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', sa.metadata.annotations);
  const pulls = (sa.imagePullSecrets ?? []).map((s) => s.name);
  if (!pulls.length) w.write(LEVEL_0, 'Image pull secrets:\t<none>\n');
  pulls.forEach((name, i) => w.write(LEVEL_0, `${i === 0 ? 'Image pull secrets:' : '                   '}\t${name}\n`));
  describeEvents(w, events, nowMs);
  return w.done();
}

export function describeRole(role: Role | ClusterRole): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${role.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', role.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', role.metadata.annotations);
  w.write(LEVEL_0, 'PolicyRule:\n');
  w.write(LEVEL_1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
  w.write(LEVEL_1, '---------\t-----------------\t--------------\t-----\n');
  for (const row of ruleRows(role.rules ?? [])) w.write(LEVEL_1, `${row.join('\t')}\n`);
  return w.done();
}

export function describeRoleBinding(binding: RoleBinding | ClusterRoleBinding): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${binding.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', binding.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', binding.metadata.annotations);
  w.write(LEVEL_0, 'Role:\n');
  w.write(LEVEL_1, `Kind:\t${binding.roleRef.kind}\n`);
  w.write(LEVEL_1, `Name:\t${binding.roleRef.name}\n`);
  w.write(LEVEL_0, 'Subjects:\n');
  w.write(LEVEL_1, 'Kind\tName\tNamespace\n');
  w.write(LEVEL_1, '----\t----\t---------\n');
  for (const s of binding.subjects ?? []) w.write(LEVEL_1, `${s.kind}\t${s.name}\t${s.namespace ?? ''}\n`);
  return w.done();
}
