// `kubectl describe endpointslice`: describe.go describeEndpointSliceV1 — the Ports table, then
// one `- Addresses:` item per endpoint with its ready condition, hostname, target, node and zone
// (`<unset>` for whatever the slice leaves out).

import type { EndpointSlice } from '../../../../kube/types';
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3 } from './describe-writer';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline } from './describe-format';

const UNSET = '<unset>';

export function describeEndpointSlice(slice: EndpointSlice): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${slice.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${slice.metadata.namespace}\n`);
  printLabelsMultiline(w, 'Labels', slice.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', slice.metadata.annotations);
  w.write(LEVEL_0, `AddressType:\t${slice.addressType}\n`);
  if (!slice.ports?.length) {
    w.write(LEVEL_0, 'Ports: <unset>\n');
  } else {
    w.write(LEVEL_0, 'Ports:\n');
    w.write(LEVEL_1, 'Name\tPort\tProtocol\n');
    w.write(LEVEL_1, '----\t----\t--------\n');
    for (const port of slice.ports) w.write(LEVEL_1, `${port.name || UNSET}\t${port.port}\t${port.protocol}\n`);
  }
  if (slice.endpoints.length === 0) {
    w.write(LEVEL_0, 'Endpoints: <none>\n');
  } else {
    w.write(LEVEL_0, 'Endpoints:\n');
    for (const ep of slice.endpoints) {
      w.write(LEVEL_1, `- Addresses:\t${ep.addresses.join(', ') || '<none>'}\n`);
      w.write(LEVEL_2, 'Conditions:\n');
      w.write(LEVEL_3, `Ready:\t${ep.conditions.ready}\n`);
      // Set only for pods with hostname and a subdomain naming this Service.
      w.write(LEVEL_2, `Hostname:\t${ep.hostname ?? UNSET}\n`);
      if (ep.targetRef) w.write(LEVEL_2, `TargetRef:\t${ep.targetRef.kind}/${ep.targetRef.name}\n`);
      w.write(LEVEL_2, `NodeName:\t${ep.nodeName ?? UNSET}\n`);
      w.write(LEVEL_2, `Zone:\t${ep.zone ?? UNSET}\n`);
    }
  }
  describeEvents(w);
  return w.done();
}
