// kubectl run -it with a shell: the prompt moves into the pod, the shell is the container's main
// process, so `exit N` ends the container with N and --rm deletes the pod afterwards.

import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../simulation/simulation';

describe('kubectl run -it with a shell', () => {
  it('opens a prompt in the pod; exit ends the container and --rm deletes the pod', async () => {
    const sim = createSimulation({ seed: 4 });
    const r = await sim.exec('kubectl run debug --rm -it --image=busybox --restart=Never -- sh\nhostname\ncat /etc/resolv.conf | head -1\nexit 3\necho "status $?"\nkubectl get pod debug');
    expect(r.stdout).toContain('debug\nsearch default.svc.cluster.local svc.cluster.local cluster.local\npod "debug" deleted from default namespace\nstatus 3\n');
    expect(r.stderr).toContain("If you don't see a command prompt, try pressing enter.\n");
    expect(r.stderr).toContain('pod default/debug terminated (Error)\n');
    expect(r.stderr).toContain('Error from server (NotFound): pods "debug" not found\n');
  });

  it('without --rm the pod stays, Succeeded after a clean exit', async () => {
    const sim = createSimulation({ seed: 4 });
    await sim.exec('kubectl run keep -it --image=busybox --restart=Never\nexit');
    const pod = sim.cluster.get('pods', 'default', 'keep')!;
    expect(pod.status.phase).toBe('Succeeded');
    expect(pod.spec.containers[0]).toMatchObject({ stdin: true, stdinOnce: true, tty: true });
  });

  it('an image without the program fails to start, as containerd reports it', async () => {
    const sim = createSimulation({ seed: 4 });
    const r = await sim.exec('kubectl run p --rm -i --image=nginx --restart=Never -- ping -c1 10.96.0.10');
    expect(r.exitCode).toBe(128);
    expect(r.stderr).toContain('exec: "ping": executable file not found in $PATH: unknown\n');
    expect(r.stdout).toBe('pod "p" deleted from default namespace\n');
  });
});
