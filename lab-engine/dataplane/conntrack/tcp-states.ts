// The TCP state machine conntrack follows for a flow, reduced to the handshake, the close and a reset.

import type { Direction, TcpEvent, TcpState } from './conntrack-types';

/** A reduced form of the kernel's tcp_conntracks table: enough for the handshake, close and reset. */
export function nextTcpState(state: TcpState, event: TcpEvent, direction: Direction): TcpState {
  switch (event) {
    case 'rst':
      return 'CLOSE';
    case 'syn':
      return direction === 'original' && (state === 'CLOSE' || state === 'TIME_WAIT' || state === 'SYN_SENT') ? 'SYN_SENT' : state;
    case 'syn-ack':
      return direction === 'reply' && state === 'SYN_SENT' ? 'SYN_RECV' : state;
    case 'ack':
      if (state === 'SYN_RECV' && direction === 'original') return 'ESTABLISHED';
      if (state === 'LAST_ACK') return 'TIME_WAIT';
      if (state === 'FIN_WAIT') return 'CLOSE_WAIT';
      return state;
    case 'fin':
      if (state === 'ESTABLISHED') return 'FIN_WAIT';
      if (state === 'FIN_WAIT' || state === 'CLOSE_WAIT') return 'LAST_ACK';
      return state;
    default: {
      const never: never = event;
      throw new Error(`unknown TCP event ${String(never)}`);
    }
  }
}
