// The cloud metadata service end to end: a pod's curl to 169.254.169.254 leaves through its
// node, is masqueraded to the node's address and gets that instance's metadata and role
// credentials (testdata/ec2-imds-v1.txt); only port 80 listens; an egress ipBlock `except`
// 169.254.169.254/32 drops it at the pod while the rest of the internet stays open.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';
import { serveCloudMetadata } from './cloud-metadata';

/** The fixture's sections: path → body. */
const GOLDEN = new Map(
  readFileSync(new URL('./testdata/ec2-imds-v1.txt', import.meta.url), 'utf8')
    .split('\n').filter((l) => !l.startsWith('#')).join('\n')
    .split(/^--- /m).filter(Boolean)
    .map((section) => { const nl = section.indexOf('\n'); return [section.slice(0, nl), section.slice(nl + 1)] as const; }),
);

const EXCEPT_METADATA = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: egress-except-metadata
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to:
    - ipBlock:
        cidr: 0.0.0.0/0
        except:
        - 169.254.169.254/32
`;

async function cluster() {
  const sim = createSimulation({ seed: 3, topology: { cni: 'calico', proxyMode: 'iptables' }, files: { '/lab/except.yaml': EXCEPT_METADATA } });
  expect((await sim.exec('kubectl run app --image=nicolaka/netshoot --command -- sleep infinity')).exitCode).toBe(0);
  settle(sim);
  const pod = sim.cluster.get('pods', 'default', 'app')!;
  const nodeIp = sim.cluster.get('nodes', '', pod.spec.nodeName!)!.status!.addresses!.find((a) => a.type === 'InternalIP')!.address;
  return { sim, nodeIp };
}

describe('the cloud metadata service', () => {
  it('answers the fixture\'s listing, credentials and 404 page', () => {
    const get = (path: string) => serveCloudMetadata({ method: 'GET', path, headers: {}, remoteAddr: '172.18.0.3', remotePort: 40000, localAddr: '169.254.169.254', localPort: 80 }, 0).response;
    expect([...GOLDEN.keys()]).toHaveLength(3);
    for (const [path, body] of GOLDEN) {
      // A listing ends without a newline; the fixture's sections end at a line break.
      expect(get(path).body.replace(/\n$/, ''), path).toBe(body.replace(/\n$/, ''));
    }
    expect(get('/latest/meta10-data/local-hostname').status).toBe(404);
    expect(get('/latest/meta-data/local-hostname').body).toBe('ip-172-18-0-3.us-west-2.compute.internal');
    expect(get('/latest/meta-data/').headers.find(([k]) => k === 'Server')?.[1]).toBe('EC2ws');
  });

  it('a pod reaches it through its node, which it answers for, credentials included', async () => {
    const { sim, nodeIp } = await cluster();
    expect((await sim.exec('kubectl exec app -- curl -s http://169.254.169.254/latest/meta-data/local-ipv4')).stdout).toBe(nodeIp);
    const creds = await sim.exec('kubectl exec app -- curl -s http://169.254.169.254/latest/meta-data/iam/security-credentials/node-role');
    expect(creds.stdout).toContain('"AccessKeyId" : "ASIAIOSFODNN7EXAMPLE"');
    const trace = (await sim.exec('trace --brief pod/app 169.254.169.254:80')).stdout;
    expect(trace).toMatch(/MASQUERADE[\s\S]*eth0 → the cloud's instance metadata service \(169\.254\.169\.254\)[\s\S]*DELIVERED to external\/cloud-metadata at 169\.254\.169\.254:80; the receiver saw the packet come from (\S+)/);
    expect(trace).toContain(`the receiver saw the packet come from ${nodeIp}`);
    const other = await sim.exec('kubectl exec app -- curl -sS -m 2 http://169.254.169.254:8080/');
    expect(other.stderr).toMatch(/Failed to connect to 169\.254\.169\.254 port 8080 .*Connection refused/);
  });

  it('an ipBlock except drops it at the pod and leaves the internet open', async () => {
    const { sim } = await cluster();
    await sim.exec('kubectl apply -f /lab/except.yaml');
    const blocked = await sim.exec('kubectl exec app -- curl -sS -m 2 http://169.254.169.254/latest/meta-data/');
    expect(blocked.exitCode).toBe(28);
    expect((await sim.exec('trace --brief pod/app 169.254.169.254:80')).stdout).toMatch(/egress of default\/app denied[\s\S]*egress-except-metadata/);
    expect((await sim.exec('kubectl exec app -- curl -s -o /dev/null -w "%{http_code}" http://203.0.113.10/')).stdout).toBe('301');
  });
});
