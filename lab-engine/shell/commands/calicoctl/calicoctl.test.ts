// calicoctl on a Calico node. Columns from projectcalico/calico calicoctl/calicoctl/resourcemgr/
// ippool.go (NAME CIDR SELECTOR; wide: NAME CIDR NAT IPIPMODE VXLANMODE DISABLED DISABLEBGPEXPORT
// SELECTOR), printed through Go's tabwriter(5, 1, 3, ' ', 0) with tab-terminated cells and a blank
// line after the table (calicoctl/commands/common/resourceprinter.go); the default pool's values
// from node/pkg/lifecycle/startup (default-ipv4-ippool, natOutgoing true, blockSize 26, all()).
// `node status` as in the Calico docs ("Calico process is running." / "IPv4 BGP status" / the
// PEER ADDRESS | PEER TYPE | STATE | SINCE | INFO table / "node-to-node mesh | up | ... | Established").

import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../simulation/simulation';

describe('calicoctl', () => {
  it('shows the default IPPool, plain and wide, and as YAML', async () => {
    const sim = createSimulation({ seed: 1 });
    const r = await sim.exec('ssh node-1\ncalicoctl get ippool\ncalicoctl get ippool -o wide\ncalicoctl get ippool default-ipv4-ippool -o yaml\nexit');
    expect(r.stdout).toContain(
      'NAME                  CIDR            SELECTOR   \ndefault-ipv4-ippool   10.244.0.0/16   all()      \n\n' +
      'NAME                  CIDR            NAT    IPIPMODE   VXLANMODE   DISABLED   DISABLEBGPEXPORT   SELECTOR   \n' +
      'default-ipv4-ippool   10.244.0.0/16   true   Always     Never       false      false              all()      \n\n',
    );
    expect(r.stdout).toContain('  blockSize: 26\n  cidr: 10.244.0.0/16\n  ipipMode: Always\n  natOutgoing: true\n');
  });

  it('follows the topology: ipipMode Never', async () => {
    const sim = createSimulation({ seed: 1, topology: { cni: 'calico', ipipMode: 'Never' } });
    expect((await sim.exec('ssh node-1\ncalicoctl get ippool -o wide\nexit')).stdout).toContain('default-ipv4-ippool   10.244.0.0/16   true   Never      Never ');
  });

  it('node status: the BIRD node-to-node mesh, one Established peer per other node', async () => {
    const sim = createSimulation({ seed: 1 });
    const r = await sim.exec('ssh node-1\ncalicoctl node status\nexit');
    expect(r.stdout).toContain(
      'Calico process is running.\n\nIPv4 BGP status\n' +
      '+--------------+-------------------+-------+------------+-------------+\n' +
      '| PEER ADDRESS |     PEER TYPE     | STATE |   SINCE    |    INFO     |\n' +
      '+--------------+-------------------+-------+------------+-------------+\n' +
      '| 172.18.0.2   | node-to-node mesh | up    | 2026-01-02 | Established |\n' +
      '| 172.18.0.4   | node-to-node mesh | up    | 2026-01-02 | Established |\n' +
      '+--------------+-------------------+-------+------------+-------------+\n\nIPv6 BGP status\nNo IPv6 peers found.\n\n',
    );
  });

  // Golden: a peer whose calico-node is gone, as projectcalico/calicoctl#1883 and kubernetes/kops#10546
  // show it: state `start`, BIRD's "Active Socket: Connection refused" wrapped by tablewriter at 30.
  it('node status: a peer without calico-node is refused, and on that node Calico is not running', async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec(`kubectl label node node-1 pool=general
kubectl label node control-plane pool=general
kubectl -n kube-system patch ds calico-node -p '{"spec":{"template":{"spec":{"nodeSelector":{"pool":"general"}}}}}'
sleep 60`);
    const r = await sim.exec('ssh node-1\ncalicoctl node status\nexit');
    expect(r.stdout).toMatch(new RegExp(
      '\\| 172\\.18\\.0\\.2   \\| node-to-node mesh \\| up    \\| \\d\\d:\\d\\d:\\d\\d \\| Established                    \\|\\n' +
      '\\| 172\\.18\\.0\\.4   \\| node-to-node mesh \\| start \\| \\d\\d:\\d\\d:\\d\\d \\| Active Socket: Connection      \\|\\n' +
      '\\|              \\|                   \\|       \\|          \\| refused                        \\|\\n',
    ));
    expect(r.stdout).toContain('| PEER ADDRESS |     PEER TYPE     | STATE |  SINCE   |              INFO              |\n');
    const down = await sim.exec('ssh node-2\ncalicoctl node status\nexit');
    expect(down.stdout).toContain('Calico process is not running.\n');
  });

  it('ipam show: host-local IPAM leaves Calico IPAM with nothing in use', async () => {
    const sim = createSimulation({ seed: 1 });
    expect((await sim.exec('ssh node-1\ncalicoctl ipam show\nexit')).stdout).toContain('| IP Pool  | 10.244.0.0/16 |     65536 | 0 (0%)     | 65536 (100%) |\n');
  });

  it('is not on the nodes of a flannel cluster', async () => {
    const sim = createSimulation({ seed: 1, topology: { cni: 'flannel' } });
    expect((await sim.exec('ssh node-1\ncalicoctl get ippool\nexit')).stderr).toContain('calicoctl: command not found\n');
  });
});
