// A response's way back to a pod client, for an HTTP request that asks for it (a check with
// `expect.bodyBytes`, or the learner's curl and wget in a pod): the answer is serialised as the server writes it (status line, headers,
// body), and its TCP segments walk from the answering pod to the client (packet/tcp-transfer.ts),
// sized by both ends' MSS and any path MTU learned. A response that cannot cross comes back as the
// hang a client sees. Only pod clients: the workstation's and the internet's return paths are not
// modelled hop by hop.

import type { Pod } from '../../kube/types';
import { hopSummary } from '../packet/render-hop';
import { transferResponse, type TransferResult } from '../packet/tcp-transfer';
import type { PacketSource, ProbeResult } from '../packet/types';
import type { PacketWorld } from '../packet/world';
import type { HttpResponse } from './http-types';

/** The bytes a server writes for `response` (HTTP/1.x: status line, headers, blank line, body). */
export function responseBytes(response: HttpResponse): number {
  const head = [`HTTP/${response.version} ${response.status} ${response.reason}`, ...response.headers.map(([name, value]) => `${name}: ${value}`)].join('\r\n');
  return Buffer.byteLength(`${head}\r\n\r\n`) + Buffer.byteLength(response.body);
}

/** Walks the response back to the client; a reason when it never arrives, undefined when it does (or the client is not a pod). */
export function responseStall(world: PacketWorld, from: PacketSource, connection: ProbeResult, server: Pod, serverPort: number, response: HttpResponse): string | undefined {
  if (from.kind !== 'pod') return undefined;
  const clientNetns = world.dataplane.pods[`${from.namespace}/${from.name}`];
  const serverNetns = world.dataplane.pods[`${server.metadata.namespace}/${server.metadata.name}`];
  const first = connection.hops[0]?.headers;
  const serverIp = connection.outcome.kind === 'delivered' ? connection.outcome.at.ip : undefined;
  if (!clientNetns || !serverNetns || !first?.sport || !serverIp) return undefined;
  const bytes = responseBytes(response);
  const result = transferResponse(
    world,
    { source: { kind: 'pod', namespace: server.metadata.namespace ?? 'default', name: server.metadata.name }, netns: serverNetns, ip: serverIp, port: serverPort },
    { source: from, netns: clientNetns, ip: first.src, port: first.sport },
    bytes,
  );
  return stallReason(result, bytes);
}

function stallReason(result: TransferResult, bytes: number): string | undefined {
  if (result.kind === 'complete') return undefined;
  const lost = result.walk.hops.filter((h) => h.kind === 'mtu' || h.kind === 'drop' || h.kind === 'policy').at(-1);
  const why = lost ? hopSummary(lost) : `the segment ends ${result.walk.outcome.kind}`;
  return `the connection and the request go through, but the ${bytes}-byte response never arrives (the client hangs until it times out): its ${result.segmentBytes}-byte segments (MSS ${result.mss}) are lost: ${why}`;
}
