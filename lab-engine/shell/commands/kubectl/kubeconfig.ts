// The learner's ~/.kube/config: kubeadm's admin.conf (cluster `kubernetes`, user
// `kubernetes-admin`, context `kubernetes-admin@kubernetes`). kubectl reads the current
// context's namespace from it for every command without -n; `kubectl config set-context
// --current --namespace=X` rewrites it. Only kubectl writes the file, so a small reader of its
// known shape is enough; a file edited beyond recognition falls back to the defaults.

import { HOME, type VirtualFs } from '../../virtual-fs';

export const KUBECONFIG_PATH = `${HOME}/.kube/config`;
export const CONTEXT_NAME = 'kubernetes-admin@kubernetes';
export const CLUSTER_NAME = 'kubernetes';
export const USER_NAME = 'kubernetes-admin';
export const API_SERVER_URL = 'https://control-plane:6443';

export interface Kubeconfig {
  currentContext: string;
  namespace?: string;
}

/** Stand-ins for the base64 PEM data admin.conf carries; `config view` omits them anyway. */
const CA_DATA = 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSURCVENDQWUyZ0F3SUJBZ0lJRmxhdG5ldENBPT0KLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=';
const CLIENT_CERT_DATA = 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSURLVENDQWhHZ0F3SUJBZ0lJYWRtaW49PQotLS0tLUVORCBDRVJUSUZJQ0FURS0tLS0tCg==';
const CLIENT_KEY_DATA = 'LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFcEFJQkFBS0NBUUVBZmxhdG5ldD09Ci0tLS0tRU5EIFJTQSBQUklWQVRFIEtFWS0tLS0tCg==';

export function renderKubeconfig(config: Kubeconfig, raw: boolean): string {
  const data = (value: string) => (raw ? value : 'DATA+OMITTED');
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${data(CA_DATA)}
    server: ${API_SERVER_URL}
  name: ${CLUSTER_NAME}
contexts:
- context:
    cluster: ${CLUSTER_NAME}
${config.namespace ? `    namespace: ${config.namespace}\n` : ''}    user: ${USER_NAME}
  name: ${CONTEXT_NAME}
current-context: ${config.currentContext}
kind: Config
preferences: {}
users:
- name: ${USER_NAME}
  user:
    client-certificate-data: ${data(CLIENT_CERT_DATA)}
    client-key-data: ${data(CLIENT_KEY_DATA)}
`;
}

/** The kubeconfig as the file says, or kubeadm's admin.conf when there is none. */
export function readKubeconfig(fs: VirtualFs): Kubeconfig {
  const text = fs.read(KUBECONFIG_PATH);
  if (text === undefined) return { currentContext: CONTEXT_NAME };
  const current = /^current-context:[ \t]*"?([^"\s]*)"?[ \t]*$/m.exec(text)?.[1] ?? '';
  const contexts = /^contexts:\n((?:[ -].*\n?)*)/m.exec(text)?.[1] ?? '';
  const namespace = /^ {4}namespace:[ \t]*"?([^"\s]+)"?[ \t]*$/m.exec(contexts)?.[1];
  return { currentContext: current, ...(namespace ? { namespace } : {}) };
}

export function writeKubeconfig(fs: VirtualFs, config: Kubeconfig): void {
  fs.write(KUBECONFIG_PATH, renderKubeconfig(config, true));
}

/** The namespace kubectl uses without -n: the current context's, else `default`. */
export function contextNamespace(fs: VirtualFs): string {
  return readKubeconfig(fs).namespace ?? 'default';
}
