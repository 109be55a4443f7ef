// CoreDNS's start: the loop plugin's probe coming back (coredns#2400's log, coredns#2087's
// systemd-resolved case: `forward . /etc/resolv.conf` with the stub's 127.0.0.53), a Corefile that
// does not parse (coredns/deployment#215), and the Deployment's pods crash-looping on either with
// those words in `kubectl logs`, until the Corefile is fixed and the pods restarted.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../simulation/simulation';
import { COREFILE } from './bootstrap/system-configmaps';
import { corednsStart, detectLoop, NODE_UPSTREAM_RESOLVER, SYSTEMD_STUB } from './coredns-start';
import { parseCorefile } from './corefile';

const blocks = (text: string) => {
  const parsed = parseCorefile(text);
  if (parsed.kind !== 'ok') throw new Error(parsed.message);
  return parsed.blocks;
};

describe('loop detection', () => {
  it("kubeadm's Corefile loops only when the pod's resolv.conf names the systemd-resolved stub", () => {
    expect(detectLoop(blocks(COREFILE), [NODE_UPSTREAM_RESOLVER])).toBeUndefined();
    expect(detectLoop(blocks(COREFILE), [SYSTEMD_STUB])).toEqual({ zone: '.', port: 53, to: '127.0.0.53' });
  });

  it('a forward to loopback or to kube-dns loops; without the loop plugin nothing is detected; a stub block is probed in its own zone', () => {
    expect(detectLoop(blocks('.:53 {\n  loop\n  forward . 10.96.0.10\n}\n'), [NODE_UPSTREAM_RESOLVER])?.to).toBe('10.96.0.10');
    expect(detectLoop(blocks('.:53 {\n  forward . 127.0.0.1\n}\n'), [])).toBeUndefined();
    expect(detectLoop(blocks('.:53 {\n  loop\n  forward . 8.8.8.8\n}\ncorp.example:53 {\n  loop\n  forward . 127.0.0.1:53\n}\n'), [])).toEqual({ zone: 'corp.example.', port: 53, to: '127.0.0.1' });
  });

  it("writes the banner then the loop plugin's FATAL line, in the words of coredns#2400", () => {
    const start = corednsStart(COREFILE, [SYSTEMD_STUB], 'pod-uid');
    expect(start.ok).toBe(false);
    expect(start.lines.slice(0, 3)).toEqual(['.:53', expect.stringMatching(/^\[INFO\] plugin\/reload: Running configuration SHA512 = [0-9a-f]{128}$/), 'CoreDNS-1.12.1']);
    expect(start.lines.at(-1)).toMatch(/^\[FATAL\] plugin\/loop: Loop \(127\.0\.0\.1:\d{5} -> :53\) detected for zone "\.", see https:\/\/coredns\.io\/plugins\/loop#troubleshooting\. Query: "HINFO \d+\.\d+\."$/);
    expect(corednsStart(COREFILE, [SYSTEMD_STUB], 'pod-uid')).toEqual(start);
  });

  it('a Corefile that does not parse: the parse error is all it writes; a good one: the banner, one line per zone', () => {
    expect(corednsStart('.:53 {\n    errors\n    . {\n    }\n}\n', [], 'x')).toEqual({ ok: false, lines: ["/etc/coredns/Corefile:3 - Error during parsing: Unknown directive '.'"] });
    expect(corednsStart('.:53 {\n  forward . 8.8.8.8\n}\ncorp.example:53 {\n  forward . 10.50.0.10\n}\n', [], 'x')).toEqual({ ok: true, lines: ['.:53', 'corp.example.:53', 'CoreDNS-1.12.1', 'linux/amd64, go1.24.1, 707c7c1'] });
  });
});

describe('CoreDNS pods and their Corefile', () => {
  async function run(sim: ReturnType<typeof createSimulation>, lines: string[]) {
    for (const line of lines) expect((await sim.exec(line)).exitCode, line).toBe(0);
  }
  const corednsPods = (sim: ReturnType<typeof createSimulation>) => sim.cluster.list('pods', 'kube-system').filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns' && !p.metadata.deletionTimestamp);

  it('crash-loop after a restart with kubelet resolvConf at the stub, with the FATAL line in their logs; a real upstream in the Corefile and a restart heal them', async () => {
    const sim = createSimulation({ seed: 5 });
    await run(sim, [
      "kubectl -n kube-system get configmap kubelet-config -o yaml | sed 's#resolvConf: /run/systemd/resolve/resolv.conf#resolvConf: /etc/resolv.conf#' | kubectl apply -f -",
      'kubectl -n kube-system rollout restart deployment coredns',
    ]);
    for (let i = 0; i < 6; i++) settle(sim);
    const pods = corednsPods(sim);
    expect(pods.length).toBeGreaterThan(0);
    expect(pods.every((p) => p.status.containerStatuses?.[0]?.restartCount)).toBe(true);
    const get = await sim.exec('kubectl -n kube-system get pods -l k8s-app=kube-dns');
    expect(get.stdout).toMatch(/CrashLoopBackOff|Error/);
    const logs = await sim.exec(`kubectl -n kube-system logs ${pods[0].metadata.name}`);
    expect(logs.stdout).toMatch(/\[FATAL\] plugin\/loop: Loop \(127\.0\.0\.1:\d+ -> :53\) detected for zone "\."/);

    await run(sim, [
      "kubectl -n kube-system get configmap coredns -o yaml | sed 's#forward . /etc/resolv.conf#forward . 172.18.0.1#' | kubectl apply -f -",
      'kubectl -n kube-system rollout restart deployment coredns',
    ]);
    for (let i = 0; i < 4; i++) settle(sim);
    const healed = corednsPods(sim);
    expect(healed.map((p) => p.status.phase)).toEqual(['Running', 'Running']);
    expect(healed.every((p) => p.status.containerStatuses?.[0]?.ready)).toBe(true);
  });

  it('a running CoreDNS keeps serving through a broken edit; its next start fails with the parse error', async () => {
    const sim = createSimulation({ seed: 5 });
    await run(sim, ["kubectl -n kube-system get configmap coredns -o yaml | sed 's#^        loop$#        loop on#' | kubectl apply -f -"]);
    settle(sim);
    expect(corednsPods(sim).every((p) => p.status.containerStatuses?.[0]?.ready)).toBe(true);
    await run(sim, ['kubectl -n kube-system rollout restart deployment coredns']);
    for (let i = 0; i < 3; i++) settle(sim);
    const failing = corednsPods(sim).find((p) => p.status.containerStatuses?.[0]?.restartCount);
    expect(failing).toBeDefined();
    const logs = await sim.exec(`kubectl -n kube-system logs ${failing!.metadata.name}`);
    expect(logs.stdout).toBe("plugin/loop: /etc/coredns/Corefile:20 - Error during parsing: Wrong argument count or unexpected line ending after 'on'\n");
  });
});
