// CoreDNS's `log` plugin: when the Corefile in the kube-system/coredns ConfigMap enables it, the
// CoreDNS pod that answered a query writes one line per query to its log, in the plugin's
// default format (plugin/log: `{remote}:{port} - {>id} "{type} {class} {name} {proto} {size}
// {>do} {>bufsize}" {rcode} {>rflags} {rsize} {duration}`, at [INFO]). `kubectl logs` on that
// pod shows them. Flatnet applies an edited Corefile at once; a real cluster takes up to a
// minute or two (the kubelet syncs the ConfigMap volume, then the reload plugin notices).

import type { Cluster } from '../../cluster/cluster';
import type { ProbeResult } from '../packet/types';
import type { DnsResponse, QType } from './cluster-dns';
import type { ServerBlock } from '../../cluster/corefile';
import { selectBlock, servingBlocks } from './coredns-server';
import { queryWireSize, responseWireSize } from './wire-size';

export interface QueryLogEntry {
  id: number;
  qname: string;
  qtype: QType;
  response: DnsResponse;
  /** EDNS OPT bytes the client sent (dig: 23 with its cookie); 0 for libc and BusyBox stubs. */
  optBytes?: number;
  /** The buffer size the client advertised in EDNS (dig: 1232); 512 without EDNS. */
  bufsize?: number;
}

/**
 * Whether the log plugin is on in the server block that serves `qname` (any block, without a
 * name), in the Corefile CoreDNS runs (the last one that parsed).
 */
export function corefileLogs(cluster: Cluster, qname?: string): boolean {
  const blocks = servingBlocks(cluster, cluster.get('configmaps', 'kube-system', 'coredns')?.data?.Corefile ?? '');
  const logs = (b: ServerBlock | undefined) => !!b?.plugins.some((p) => p.name === 'log');
  return qname === undefined ? blocks.some(logs) : logs(selectBlock(blocks, qname.toLowerCase().replace(/\.$/, '')));
}

/** Appends the query's log line to the CoreDNS pod the packet reached, if logging is on. */
export function logDnsQuery(cluster: Cluster, probe: ProbeResult, entry: QueryLogEntry): void {
  if (probe.outcome.kind !== 'delivered' || !probe.outcome.at.pod) return;
  if (!corefileLogs(cluster, entry.qname)) return;
  const { namespace, name } = probe.outcome.at.pod;
  const qname = entry.qname.endsWith('.') ? entry.qname : `${entry.qname}.`;
  const sport = probe.hops[0]?.headers.sport ?? 0;
  const r = entry.response;
  const flags = r.authoritative ? 'qr,aa,rd' : 'qr,rd,ra';
  const duration = (0.0001 + ((entry.id * 7919 + sport) % 90_000) / 1e9).toFixed(9);
  const line = `[INFO] ${probe.outcome.at.sourceSeen}:${sport} - ${entry.id} "${entry.qtype} IN ${qname} udp ${queryWireSize(qname, entry.optBytes ?? 0)} false ${entry.bufsize ?? 512}" ${r.rcode} ${flags} ${responseWireSize(qname, r, entry.optBytes ? 11 : 0)} ${duration}s`;
  cluster.appendLog(namespace, name, 'coredns', line);
}
