// kubectl version: client and server both at the release Flatnet imitates.

import { KUBERNETES_VERSION } from '../../../cluster/version';
import { OutputBuilder } from '../../command-types';
import { bool, str } from './flags';
import { toJson, toYaml } from './printers/object-output';
import { OPTIONS_TRAILER, type KubectlVerb } from './verb';

export const KUSTOMIZE_VERSION = 'v5.7.1';

export const version: KubectlVerb = {
  name: 'version',
  flags: [
    { name: 'client', kind: 'bool' },
    { name: 'output', short: 'o', kind: 'string' },
  ],
  help: `Print the client and server version information for the current context.

Examples:
  # Print the client and server versions for the current context
  kubectl version

Options:
    --client=false:
\tIf true, shows client version only (no server required).

    -o, --output='':
\tOne of 'yaml' or 'json'.

Usage:
  kubectl version [flags] [options]

${OPTIONS_TRAILER}`,
  async run({ args }) {
    const out = new OutputBuilder();
    const output = str(args, 'output') ?? '';
    const client = bool(args, 'client');
    if (output && output !== 'json' && output !== 'yaml') return out.err('error: --output must be \'yaml\' or \'json\'\n').done(1);
    const info = (v: string) => ({ major: '1', minor: v.split('.')[1], gitVersion: v, platform: 'linux/amd64' });
    if (output) {
      const obj = { clientVersion: info(KUBERNETES_VERSION), kustomizeVersion: KUSTOMIZE_VERSION, ...(client ? {} : { serverVersion: info(KUBERNETES_VERSION) }) };
      return out.out(output === 'json' ? toJson(obj) : await toYaml(obj)).done(0);
    }
    out.out(`Client Version: ${KUBERNETES_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
    if (!client) out.out(`Server Version: ${KUBERNETES_VERSION}\n`);
    return out.done(0);
  },
};
