import { describe, expect, it } from 'vitest';
import { createSimulation, restoreSimulation, settle } from '../../simulation/simulation';

async function cluster() {
  const sim = createSimulation({ seed: 1 });
  await sim.exec([
    'kubectl run web --image=nginx',
    'kubectl run box --image=busybox -- sleep 3600',
    'kubectl run tools --image=nicolaka/netshoot -- sleep 3600',
    'kubectl run broken --image=nginx:does-not-exist',
    'kubectl run done --image=busybox --restart=Never',
  ].join('\n'), { history: false });
  settle(sim);
  return sim;
}

describe('ssh into a node', () => {
  it('opens a nested root shell whose prompt, commands and files are the node\'s, and exit comes back', async () => {
    const sim = await cluster();
    expect(sim.prompt()).toBe('learner@workstation:~$ ');
    const login = await sim.exec('ssh node-1');
    expect(login.exitCode).toBe(0);
    expect(sim.prompt()).toBe('root@node-1:~# ');
    expect(sim.contextDepth()).toBe(2);
    expect((await sim.exec('hostname; hostname -i')).stdout).toBe('node-1\n172.18.0.3\n');
    expect((await sim.exec('cat /etc/hostname')).stdout).toBe('node-1\n');
    expect((await sim.exec('ip route | grep tunl0')).stdout).toContain('10.244.2.0/24 via 172.18.0.4 dev tunl0 proto bird onlink');
    expect((await sim.exec('kubectl get pods')).stderr).toBe('bash: kubectl: command not found\n');
    const bye = await sim.exec('exit');
    expect(bye.stdout).toBe('logout\n');
    expect(bye.stderr).toBe('Connection to node-1 closed.\n');
    expect(sim.prompt()).toBe('learner@workstation:~$ ');
    expect((await sim.exec('hostname')).stdout).toBe('workstation\n');
  });

  it('runs one command remotely with `ssh node CMD` and stays on the workstation; by IP too', async () => {
    const sim = await cluster();
    const r = await sim.exec('ssh 172.18.0.4 hostname -I');
    expect(r.stdout).toBe('172.18.0.4 10.244.2.0 \n');
    expect(sim.contextDepth()).toBe(1);
    expect((await sim.exec('ssh root@node-2 ip link show tunl0')).stdout).toMatch(/^3: tunl0@NONE: <NOARP,UP,LOWER_UP> mtu 1480/);
  });

  it('answers unknown hosts as OpenSSH does', async () => {
    const sim = await cluster();
    expect(await sim.exec('ssh node-9')).toMatchObject({ stderr: 'ssh: Could not resolve hostname node-9: Name or service not known\n', exitCode: 255 });
    expect((await sim.exec('ssh')).exitCode).toBe(255);
  });
});

describe('kubectl exec', () => {
  it('runs a command with the pod\'s files: kubelet\'s resolv.conf and hosts', async () => {
    const sim = await cluster();
    expect((await sim.exec('kubectl exec web -- cat /etc/resolv.conf')).stdout).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    const ip = (sim.get('pods', 'default', 'web') as { status: { podIP: string } }).status.podIP;
    expect((await sim.exec('kubectl exec web -- cat /etc/hosts')).stdout).toContain(`\n${ip}\tweb\n`);
    expect((await sim.exec('kubectl exec box -- hostname -i')).stdout).toBe(`${(sim.get('pods', 'default', 'box') as { status: { podIP: string } }).status.podIP}\n`);
    // A kube-system pod gets its own namespace in the search list.
    const dns = (sim.list('pods', 'kube-system') as { metadata: { name: string } }[]).find((p) => p.metadata.name.startsWith('calico-kube-controllers'))!;
    void dns;
  });

  it('knows what each image ships: nginx has no ip, busybox has its own ip applet, netshoot has bridge', async () => {
    const sim = await cluster();
    const nginx = await sim.exec('kubectl exec web -- ip a');
    expect(nginx.exitCode).toBe(1);
    expect(nginx.stderr).toMatch(/OCI runtime exec failed: exec failed: unable to start container process: exec: "ip": executable file not found in \$PATH: unknown\n$/);
    const box = await sim.exec('kubectl exec box -- ip addr');
    expect(box.stdout).toMatch(/^1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n/);
    expect((await sim.exec('kubectl exec tools -- bridge link')).exitCode).toBe(0);
    expect((await sim.exec('kubectl exec web -- curl --version')).stderr).not.toContain('executable file not found');
  });

  it('opens nested shells with the image\'s prompt and says "command terminated" for a non-zero exit', async () => {
    const sim = await cluster();
    await sim.exec('kubectl exec -it box -- sh');
    expect(sim.prompt()).toBe('/ # ');
    expect((await sim.exec('nslookupp')).stderr).toBe('sh: nslookupp: not found\n');
    expect((await sim.exec('exit')).exitCode).toBe(0);
    await sim.exec('kubectl exec -it web -- bash');
    expect(sim.prompt()).toBe('root@web:/# ');
    expect((await sim.exec('ip a')).stderr).toBe('bash: ip: command not found\n');
    const bye = await sim.exec('exit 3');
    expect(bye).toMatchObject({ stderr: 'command terminated with exit code 3\n', exitCode: 3 });
    await sim.exec('kubectl exec -it web -- sh');
    expect(sim.prompt()).toBe('# ');
    await sim.exec('exit');
    // Without -i the shell reads end-of-file and exits at once.
    expect(await sim.exec('kubectl exec web -- sh')).toMatchObject({ stdout: '', exitCode: 0 });
    expect(sim.contextDepth()).toBe(1);
    expect(await sim.exec('kubectl exec box -- sh -c "exit 4"')).toMatchObject({ stderr: 'command terminated with exit code 4\n', exitCode: 4 });
  });

  it('a hostNetwork pod (calico-node) sees its node\'s netns and name', async () => {
    const sim = await cluster();
    const calico = (sim.list('pods', 'kube-system') as { metadata: { name: string }; spec: { nodeName: string } }[]).find((p) => p.metadata.name.startsWith('calico-node-'))!;
    const r = await sim.exec(`kubectl -n kube-system exec ${calico.metadata.name} -- ip route`);
    expect(r.stdout).toContain('proto bird');
    expect((await sim.exec(`kubectl -n kube-system exec ${calico.metadata.name} -- hostname`)).stdout).toBe(`${calico.spec.nodeName}\n`);
    // coredns is a distroless image: nothing to run.
    expect((await sim.exec('kubectl -n kube-system exec deploy/coredns -- sh')).stderr).toContain('exec: "sh": executable file not found in $PATH');
  });

  it('fails as kubectl does: pod not found, container not found, not running, completed, no command', async () => {
    const sim = await cluster();
    expect(await sim.exec('kubectl exec nope -- ls')).toMatchObject({ stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 });
    expect(await sim.exec('kubectl exec web -c side -- ls')).toMatchObject({ stderr: 'error: unable to upgrade connection: container not found ("side")\n', exitCode: 1 });
    expect(await sim.exec('kubectl exec broken -- ls')).toMatchObject({ stderr: 'error: unable to upgrade connection: container not found ("broken")\n', exitCode: 1 });
    expect(await sim.exec('kubectl exec done -- ls')).toMatchObject({ stderr: 'error: cannot exec into a container in a completed pod; current phase is Succeeded\n', exitCode: 1 });
    expect(await sim.exec('kubectl exec web')).toMatchObject({ exitCode: 1 });
    expect(await sim.exec('kubectl -n kube-system exec web -- ls')).toMatchObject({ stderr: 'Error from server (NotFound): pods "web" not found\n' });
  });
});

describe('a container that goes away', () => {
  it('ends the nested shell with exit code 137 and brings the learner back', async () => {
    const sim = await cluster();
    await sim.exec('kubectl exec -it box -- sh');
    expect(sim.prompt()).toBe('/ # ');
    // From another terminal, say: the pod is deleted while the learner sits in it.
    sim.cluster.api.delete('pods', 'default', 'box', { gracePeriodSeconds: 0 });
    const r = await sim.exec('hostname');
    expect(r.stderr).toBe('command terminated with exit code 137\n');
    expect(r.stdout).toBe('workstation\n');
    expect(sim.prompt()).toBe('learner@workstation:~$ ');
  });
});

describe('snapshots', () => {
  it('keep the stack of nested shells and their files, exactly', async () => {
    const sim = await cluster();
    await sim.exec('ssh node-2');
    await sim.exec('echo hello > /root/note.txt');
    const snap = sim.snapshot();
    const restored = restoreSimulation(JSON.parse(JSON.stringify(snap)));
    expect(restored.snapshot()).toEqual(snap);
    expect(restored.prompt()).toBe('root@node-2:~# ');
    expect((await restored.exec('cat /root/note.txt')).stdout).toBe('hello\n');
    expect((await restored.exec('hostname')).stdout).toBe('node-2\n');
    await restored.exec('exit');
    expect(restored.prompt()).toBe('learner@workstation:~$ ');
    expect((await restored.exec('echo $HOME')).stdout).toBe('/home/learner\n');
  });

  it('leave a snapshot without nested shells as it was before contexts existed', async () => {
    const sim = createSimulation({ seed: 3 });
    expect('contexts' in sim.snapshot()).toBe(false);
  });
});
