// The shapes a conntrack table holds: a flow's tuples, its protocol and TCP state, one entry.

export type TcpState = 'SYN_SENT' | 'SYN_RECV' | 'ESTABLISHED' | 'FIN_WAIT' | 'CLOSE_WAIT' | 'LAST_ACK' | 'TIME_WAIT' | 'CLOSE';

/** What conntrack tracks here: TCP and UDP by ports, IPIP (protocol 4) by addresses only. */
export type ConntrackProtocol = 'tcp' | 'udp' | 'ipip';

export interface Tuple {
  src: string;
  dst: string;
  sport: number;
  dport: number;
}

export interface ConntrackEntry {
  id: number;
  protocol: ConntrackProtocol;
  /** As the first packet arrived. */
  orig: Tuple;
  /** What a reply looks like after NAT: DNAT changes its source, SNAT its destination. */
  reply: Tuple;
  tcpState?: TcpState;
  seenReply: boolean;
  assured: boolean;
  mark: number;
  /** Simulation time (ms) at which the entry expires. */
  expiresAtMs: number;
  /** UDP: when a replied flow starts counting as a stream (its first packet + 2 s). */
  streamAtMs?: number;
}

export type TcpEvent = 'syn' | 'syn-ack' | 'ack' | 'fin' | 'rst';

export type Direction = 'original' | 'reply';
