// busybox's nslookup is versioned behaviour. Up to 1.28.4 it wrapped libc (busybox
// networking/nslookup.c at 1.28: print_host() with printf("%-10s %s\n"), "Address %u: %s" plus the
// reverse name, bb_error_msg("can't resolve '%s'"), return rc != 0); 1.29 brought its own resolver.
// The expected 1.28 output is the one Kubernetes' docs show for busybox:1.28
// (https://kubernetes.io/docs/tasks/administer-cluster/dns-debugging-resolution/:
// `Server:    10.0.0.10` / `Address 1: 10.0.0.10` / blank / `nslookup: can't resolve 'kubernetes.default'`
// for the failing case, and `Address 1: 10.0.0.1 kubernetes.default.svc.cluster.local` when it works).

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';
import { tagBehaviour } from '../../../dataplane/apps/images';

async function cluster() {
  const sim = createSimulation({ seed: 1 });
  for (const l of ['kubectl run old --image=busybox:1.28 --command -- sleep infinity', 'kubectl run new --image=busybox:1.36 --command -- sleep infinity']) {
    const r = await sim.exec(l);
    expect(r.exitCode, r.stderr).toBe(0);
  }
  settle(sim);
  return sim;
}

describe('busybox nslookup by tag', () => {
  it('keys the libc nslookup to tags before 1.29', () => {
    expect(tagBehaviour('busybox:1.28').nslookup).toBe('libc');
    expect(tagBehaviour('busybox:1.28.4').nslookup).toBe('libc');
    expect(tagBehaviour('busybox:1.36').nslookup).toBeUndefined();
    expect(tagBehaviour('busybox:latest').nslookup).toBeUndefined();
    expect(tagBehaviour('busybox').nslookup).toBeUndefined();
  });

  it('1.28 walks the search list with libc and prints the old format', async () => {
    const sim = await cluster();
    const r = await sim.exec('kubectl exec old -- nslookup kubernetes.default');
    expect(r.stdout).toBe('Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      kubernetes.default\nAddress 1: 10.96.0.1 kubernetes.default.svc.cluster.local\n');
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
  });

  it("1.28: a name that does not resolve is `nslookup: can't resolve`, exit 1", async () => {
    const sim = await cluster();
    const r = await sim.exec('kubectl exec old -- nslookup nope');
    expect(r.stdout).toBe('Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n');
    expect(r.stderr).toBe("nslookup: can't resolve 'nope'\ncommand terminated with exit code 1\n");
  });

  it('1.28 takes no options: -type=... prints the usage', async () => {
    const sim = await cluster();
    const r = await sim.exec('kubectl exec old -- nslookup -type=a kubernetes');
    expect(r.stderr).toContain('Usage: nslookup [HOST] [SERVER]\n');
  });

  it('1.36 keeps its own resolver: kubernetes.default has a dot, so it is not searched', async () => {
    const sim = await cluster();
    const r = await sim.exec('kubectl exec new -- nslookup kubernetes.default');
    expect(r.stdout).toContain("** server can't find kubernetes.default:");
    expect(r.exitCode).toBe(1);
  });
});
