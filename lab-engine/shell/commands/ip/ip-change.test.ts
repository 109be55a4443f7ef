// `ip` changing a node's network by hand: each verb's effect on what `ip` then shows, and each
// refusal in iproute2 6.1's words and exit status (ip-errors.ts names the sources). The texts of
// successful output follow iproute2's formats (ip-format.ts); a fresh veth pair's flags and the
// peer-first ifindex are as `ip link add veth0 type veth peer name veth1` prints them on Linux 6.8.

import { describe, expect, it } from 'vitest';
import { createSimulation, restoreSimulation } from '../../../simulation/simulation';

async function node(lines: string[]) {
  const sim = createSimulation({ seed: 1 });
  const out: { line: string; stdout: string; stderr: string; exitCode: number }[] = [];
  for (const line of lines) out.push({ line, ...(await sim.exec(`ssh node-1 ${line}`)) });
  return { sim, out, last: out[out.length - 1] };
}

describe('ip netns', () => {
  it('adds, lists, execs in and deletes a named netns', async () => {
    const { out } = await node(['ip netns add red', 'ip netns add blue', 'ip netns', 'ip netns exec red ip link', 'ip netns exec red ip addr', 'ip netns del red', 'ip netns list']);
    expect(out[2].stdout).toBe('blue\nred\n');
    expect(out[3].stdout).toBe('1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n');
    expect(out[4].stdout).toBe('1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n');
    expect(out[6].stdout).toBe('blue\n');
  });

  it('answers a second add, a missing netns and a missing name as iproute2 does', async () => {
    const { out } = await node(['ip netns add red', 'ip netns add red', 'ip netns del green', 'ip netns exec green ip link', 'ip -n green link', 'ip netns add', 'ip netns exec red', 'ip netns add a/b']);
    expect(out.slice(1).map((o) => [o.stderr, o.exitCode])).toEqual([
      ['Cannot create namespace file "/var/run/netns/red": File exists\n', 1],
      ['Cannot remove namespace file "/var/run/netns/green": No such file or directory\n', 1],
      ['Cannot open network namespace "green": No such file or directory\n', 1],
      ['Cannot open network namespace "green": No such file or directory\n', 255],
      ['No netns name specified\n', 1],
      ['No command specified\n', 1],
      ['Invalid netns name "a/b"\n', 1],
    ]);
  });

  it('brings lo up with its addresses', async () => {
    const { last } = await node(['ip netns add red', 'ip -n red link set lo up', 'ip -n red -4 addr']);
    expect(last.stdout).toBe('1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n');
  });

  it('is refused in a pod', async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec('kubectl run c --image=nicolaka/netshoot -- sleep 3600');
    const { settle } = await import('../../../simulation/simulation');
    settle(sim);
    const r = await sim.exec('kubectl exec c -- ip link add br0 type bridge');
    expect(r.stderr).toContain('RTNETLINK answers: Operation not permitted');
  });
});

describe('ip link add/del/set', () => {
  it('makes a veth pair, the peer first, both down until set up', async () => {
    const { out } = await node(['ip link add veth0 type veth peer name veth1', 'ip link show type veth', 'ip link set veth0 up', 'ip -br link show type veth', 'ip link set veth1 up', 'ip -br link show type veth']);
    const first = out[1].stdout.split('\n');
    expect(first[0]).toMatch(/^(\d+): veth1@veth0: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000$/);
    const idx = Number(/^(\d+)/.exec(first[0])![1]);
    expect(first[2]).toMatch(new RegExp(`^${idx + 1}: veth0@veth1: <BROADCAST,MULTICAST,M-DOWN>`));
    expect(out[3].stdout).toMatch(/veth0@veth1 +LOWERLAYERDOWN +\S+ <NO-CARRIER,BROADCAST,MULTICAST,UP> \n/);
    expect(out[5].stdout).toMatch(/veth0@veth1 +UP +\S+ <BROADCAST,MULTICAST,UP,LOWER_UP> \n/);
  });

  it('moves a veth end into a netns (down, named by the other side), enslaves, sets mtu, deletes both ends', async () => {
    const { out } = await node([
      'ip netns add red',
      'ip link add br0 type bridge',
      'ip link add v-red type veth peer name v-red-br',
      'ip link set v-red netns red',
      'ip link set v-red-br master br0 mtu 1400',
      'ip link show v-red-br',
      'ip -n red link show v-red',
      'ip link set v-red-br nomaster',
      'ip link show master br0',
      'ip -n red link del v-red',
      'ip link show v-red-br',
    ]);
    expect(out[5].stdout).toMatch(/^\d+: v-red-br@if\d+: <BROADCAST,MULTICAST,M-DOWN> mtu 1400 qdisc noop master br0 state DOWN mode DEFAULT group default qlen 1000\n {4}link\/ether \S+ brd ff:ff:ff:ff:ff:ff link-netns red\n$/);
    expect(out[6].stdout).toMatch(/^\d+: v-red@if\d+: .* state DOWN .*\n {4}link\/ether \S+ brd ff:ff:ff:ff:ff:ff link-netnsid 0\n$/);
    expect(out[8].stdout).toBe('');
    expect(out[10]).toMatchObject({ stderr: 'Device "v-red-br" does not exist.\n', exitCode: 1 });
  });

  it('refuses what the kernel and iproute2 refuse', async () => {
    const { out } = await node([
      'ip link add br0 type bridge',
      'ip link add br0 type bridge',
      'ip link add v0 type veth peer name v1',
      'ip link set v0 master nosuch',
      'ip link set nosuch up',
      'ip link set v0 netns nosuch',
      'ip link set v0 mtu 70000',
      'ip link set v0 mtu 20',
      'ip link set v0 master v1',
      'ip link add averyveryverylongname type bridge',
      'ip link del nosuch',
      'ip link set eth0 down',
      'ip link set v0 up down garbage',
    ]);
    expect(out.slice(1).map((o) => [o.stderr, o.exitCode])).toEqual([
      ['RTNETLINK answers: File exists\n', 2],
      ['', 0],
      ['Error: argument "nosuch" is wrong: Device does not exist\n\n', 255],
      ['Cannot find device "nosuch"\n', 1],
      ['Error: argument "nosuch" is wrong: Invalid "netns" value\n\n', 255],
      ['Error: mtu greater than device maximum.\n', 2],
      ['Error: mtu less than device minimum.\n', 2],
      ['RTNETLINK answers: Operation not supported\n', 2],
      ['Error: argument "averyveryverylongname" is wrong: "name" not a valid ifname\n\n', 255],
      ['Cannot find device "nosuch"\n', 1],
      [expect.stringContaining("ip: eth0 belongs to the cluster's CNI here"), 2],
      ['Error: either "dev" is duplicate, or "garbage" is a garbage.\n', 255],
    ]);
  });
});

describe('ip addr add/del', () => {
  it('adds an address with its local route at once and its subnet route once the device is up', async () => {
    const { out } = await node(['ip link add br0 type bridge', 'ip addr add 10.0.0.1/24 dev br0', 'ip route show dev br0', 'ip route show table local dev br0', 'ip link set br0 up', 'ip route show dev br0', 'ip addr show br0', 'ip addr add 10.0.0.2/24 brd + dev br0', 'ip -4 addr show br0']);
    expect(out[2].stdout).toBe('');
    expect(out[3].stdout).toBe('local 10.0.0.1 dev br0 proto kernel scope host src 10.0.0.1 \n');
    expect(out[5].stdout).toBe('10.0.0.0/24 proto kernel scope link src 10.0.0.1 \n'.replace('10.0.0.0/24 ', '10.0.0.0/24 dev br0 '));
    expect(out[6].stdout).toMatch(/<NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN group default qlen 1000\n {4}link\/ether \S+ brd ff:ff:ff:ff:ff:ff\n {4}inet 10.0.0.1\/24 scope global br0\n/);
    expect(out[8].stdout).toContain('    inet 10.0.0.2/24 brd 10.0.0.255 scope global secondary br0\n');
  });

  it('refuses a duplicate, a second local, a bad prefix, a missing device or dev, a missing address', async () => {
    const { out } = await node([
      'ip link add br0 type bridge',
      'ip addr add 10.0.0.1/24 dev br0',
      'ip addr add 10.0.0.1/24 dev br0',
      'ip addr add 10.0.0.1/24 10.0.0.3/24 dev br0',
      'ip addr add 10.0.0.300/24 dev br0',
      'ip addr add 10.0.0.5/24 dev nosuch',
      'ip addr add 10.0.0.5/24',
      'ip addr del 10.0.0.9/24 dev br0',
      'ip addr del 10.0.0.1/24 dev br0',
      'ip addr add 10.0.0.5/24 dev eth0',
    ]);
    expect(out.slice(2).map((o) => [o.stderr, o.exitCode])).toEqual([
      ['RTNETLINK answers: File exists\n', 2],
      ['Error: either "local" is duplicate, or "10.0.0.3/24" is a garbage.\n', 255],
      ['Error: inet prefix is expected rather than "10.0.0.300/24".\n', 1],
      ['Cannot find device "nosuch"\n', 1],
      ['Not enough information: "dev" argument is required.\n', 1],
      ['RTNETLINK answers: Cannot assign requested address\n', 2],
      ['', 0],
      [expect.stringContaining("ip: eth0 belongs to the cluster's CNI here"), 2],
    ]);
  });
});

describe('ip route add/del', () => {
  const base = ['ip netns add red', 'ip link add v0 type veth peer name v1 netns red', 'ip -n red link set v1 up', 'ip -n red addr add 10.0.0.2/24 dev v1', 'ip link set v0 up'];

  it('adds and deletes routes through an on-link gateway or a device', async () => {
    const { out } = await node([...base, 'ip -n red route add default via 10.0.0.1', 'ip -n red route add 192.168.5.0/24 dev v1', 'ip -n red route', 'ip -n red route del 192.168.5.0/24', 'ip -n red route', 'ip -n red route replace default via 10.0.0.9', 'ip -n red route']);
    expect(out[7].stdout).toBe('default via 10.0.0.1 dev v1 \n10.0.0.0/24 dev v1 proto kernel scope link src 10.0.0.2 \n192.168.5.0/24 dev v1 scope link \n');
    expect(out[9].stdout).toBe('default via 10.0.0.1 dev v1 \n10.0.0.0/24 dev v1 proto kernel scope link src 10.0.0.2 \n');
    expect(out[11].stdout).toBe('default via 10.0.0.9 dev v1 \n10.0.0.0/24 dev v1 proto kernel scope link src 10.0.0.2 \n');
  });

  it('loses the routes through a device taken down', async () => {
    const { last } = await node([...base, 'ip -n red route add default via 10.0.0.1', 'ip -n red link set v1 down', 'ip -n red route']);
    expect(last.stdout).toBe('');
  });

  it('refuses what the kernel refuses', async () => {
    const { out } = await node([
      ...base,
      'ip -n red route add default via 10.0.0.1',
      'ip -n red route add default via 10.0.0.1',
      'ip -n red route add 10.9.0.0/16 via 172.30.0.1',
      'ip -n red route add 10.9.0.5/16 dev v1',
      'ip -n red route add 10.9.0.0/16 dev nosuch',
      'ip -n red route del 10.8.0.0/16',
      'ip -n red route add 10.9.0.0/16 via nonsense',
      'ip -n red route add banana dev v1',
      'ip -n red link set v1 down',
      'ip -n red route add 10.9.0.0/16 dev v1',
    ]);
    expect(out.slice(base.length + 1).map((o) => [o.stderr, o.exitCode])).toEqual([
      ['RTNETLINK answers: File exists\n', 2],
      ['Error: Nexthop has invalid gateway.\n', 2],
      ['Error: Invalid prefix for given prefix length.\n', 2],
      ['Cannot find device "nosuch"\n', 1],
      ['RTNETLINK answers: No such process\n', 2],
      ['Error: inet address is expected rather than "nonsense".\n', 1],
      ['Error: inet prefix is expected rather than "banana".\n', 1],
      ['', 0],
      ['Error: Nexthop device is not up.\n', 2],
    ]);
  });
});

describe('what a learner built lasts', () => {
  it('survives cluster changes and a snapshot, and the CNI’s own devices stay as they were', async () => {
    const { sim } = await node(['ip netns add red', 'ip link add br0 type bridge', 'ip link set br0 up', 'ip addr add 10.0.0.1/24 dev br0']);
    await sim.exec('kubectl run web --image=nginx');
    const again = restoreSimulation(sim.snapshot());
    const r = await again.exec('ssh node-1 ip -br addr show br0; ssh node-1 ip netns list; ssh node-1 ip -br link show eth0');
    expect(r.stdout).toMatch(/^br0 +DOWN +10\.0\.0\.1\/24 \nred\neth0 +UP +/);
  });
});

describe('ping in a learner-made netns', () => {
  it('answers across the bridge, reports an unanswered neighbour from its own address, and fails at connect without a route', async () => {
    const { out } = await node([
      'ip netns add red',
      'ip netns add blue',
      'ip link add br0 type bridge',
      'ip link add a type veth peer name a-br',
      'ip link add b type veth peer name b-br',
      'ip link set a netns red',
      'ip link set b netns blue',
      'ip link set a-br master br0 up',
      'ip link set b-br master br0 up',
      'ip -n red addr add 10.0.0.1/24 dev a',
      'ip -n blue addr add 10.0.0.2/24 dev b',
      'ip -n red link set a up',
      'ip -n blue link set b up',
      'ip netns exec red ping -c 1 10.0.0.2',
      'ip link set br0 up',
      'ip netns exec red ping -c 1 10.0.0.2',
      'ip netns exec red ping -c 1 192.168.1.1',
    ]);
    expect(out[13]).toMatchObject({ exitCode: 1, stdout: expect.stringContaining('From 10.0.0.1 icmp_seq=1 Destination Host Unreachable\n') });
    expect(out[15]).toMatchObject({ exitCode: 0, stdout: expect.stringMatching(/^PING 10\.0\.0\.2 \(10\.0\.0\.2\) 56\(84\) bytes of data\.\n64 bytes from 10\.0\.0\.2: icmp_seq=1 ttl=64 time=/) });
    expect(out[16]).toMatchObject({ exitCode: 2, stdout: '', stderr: 'ping: connect: Network is unreachable\n' });
  });
});
