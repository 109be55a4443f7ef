// `kubectl describe configmap` and `kubectl describe secret`: describe.go's ConfigMapDescriber
// (every value printed in full under `key:` and `----`, then BinaryData sizes) and describeSecret
// (sizes only, never values, except a service-account token; no Events section, as that
// describer never looks them up).

import type { ConfigMap, Secret } from '../../../../kube/types';
import { DescribeWriter, LEVEL_0 } from './describe-writer';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline } from './describe-format';

export function describeConfigMap(cm: ConfigMap): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${cm.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${cm.metadata.namespace}\n`);
  printLabelsMultiline(w, 'Labels', cm.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', cm.metadata.annotations);
  w.write(LEVEL_0, '\nData\n====\n');
  for (const key of sortedKeys(cm.data)) {
    w.write(LEVEL_0, `${key}:\n----\n`);
    w.write(LEVEL_0, `${cm.data![key]}\n`);
    w.write(LEVEL_0, '\n');
  }
  w.write(LEVEL_0, '\nBinaryData\n====\n');
  for (const key of sortedKeys(cm.binaryData)) w.write(LEVEL_0, `${key}: ${decodedLength(cm.binaryData![key])} bytes\n`);
  w.write(LEVEL_0, '\n');
  describeEvents(w);
  return w.done();
}

const SERVICE_ACCOUNT_TOKEN_KEY = 'token';
const SERVICE_ACCOUNT_TOKEN_TYPE = 'kubernetes.io/service-account-token';

export function describeSecret(secret: Secret): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${secret.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${secret.metadata.namespace}\n`);
  printLabelsMultiline(w, 'Labels', secret.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', secret.metadata.annotations);
  w.write(LEVEL_0, `\nType:\t${secret.type}\n`);
  w.write(LEVEL_0, '\nData\n====\n');
  for (const key of sortedKeys(secret.data)) {
    const value = secret.data![key];
    // A service-account token is shown in clear: describe.go makes that one exception.
    if (key === SERVICE_ACCOUNT_TOKEN_KEY && secret.type === SERVICE_ACCOUNT_TOKEN_TYPE) w.write(LEVEL_0, `${key}:\t${Buffer.from(value, 'base64').toString('utf8')}\n`);
    else w.write(LEVEL_0, `${key}:\t${decodedLength(value)} bytes\n`);
  }
  return w.done();
}

/** Keys in Go's sort order (bytewise), as slices.Sorted(maps.Keys(...)) gives them. */
function sortedKeys(map: Readonly<Record<string, string>> | undefined): string[] {
  return Object.keys(map ?? {}).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** len([]byte) of a value the API serves base64-encoded. */
function decodedLength(base64: string): number {
  return Buffer.from(base64, 'base64').length;
}
