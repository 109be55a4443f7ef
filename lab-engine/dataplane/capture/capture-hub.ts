// Where captures listen. Client programs publish what they sent (the probe's walk and their
// exchange); the hub turns it into packets only while someone captures, and hands each packet to
// the captures whose interface it crossed. The grader's probes never come here: checks are not
// traffic a learner could see.

import { netnsById } from '../netns/route-lookup';
import type { Dataplane } from '../netns/types';
import type { ProbeResult } from '../packet/types';
import { conversation } from './conversation';
import type { CapturedPacket, Exchange } from './types';

/** What a capture reads of the packet world: the namespaces (for each device's MTU) and the clock. */
export interface CaptureWorld {
  dataplane: Dataplane;
  nowMs: number;
}

export interface CaptureListener {
  /** True for the interfaces this capture listens on. */
  listensOn(netns: string, dev: string): boolean;
  deliver(packet: CapturedPacket): void;
}

/** MSS a host announces when its interface's MTU is unknown (a plain Ethernet host). */
const DEFAULT_MSS = 1460;

export class CaptureHub {
  private readonly listeners = new Set<CaptureListener>();
  /** The last packet's time: a conversation published later starts after it (curl's DNS lookup, then its connection). */
  private lastUs = 0;

  /** Told of every exchange, captured or not: the kernel's counters move with all of the learner's traffic. */
  meter?: (result: ProbeResult, exchange: Exchange, startMs: number) => void;

  listen(listener: CaptureListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get active(): boolean {
    return this.listeners.size > 0;
  }

  publish(world: CaptureWorld, result: ProbeResult, exchange: Exchange, startMs: number = world.nowMs): void {
    this.meter?.(result, exchange, startMs);
    if (!this.active) return;
    const taps = result.hops.flatMap((h) => h.taps ?? []);
    const first = taps[0];
    const last = taps.at(-1);
    const packets = conversation({
      result,
      exchange,
      startMs: Math.max(startMs, (this.lastUs + 60) / 1000),
      clientMss: first?.dir === 'out' ? mssOf(world, first.netns, first.dev) : DEFAULT_MSS,
      serverMss: last && result.outcome.kind === 'delivered' ? mssOf(world, result.outcome.at.netns, 'eth0') : DEFAULT_MSS,
    });
    for (const packet of packets) {
      this.lastUs = Math.max(this.lastUs, packet.timeUs);
      for (const l of this.listeners) if (l.listensOn(packet.tap.netns, packet.tap.dev)) l.deliver(packet);
    }
  }
}

function mssOf(world: CaptureWorld, netnsId: string, dev: string): number {
  const ns = netnsById(world.dataplane, netnsId);
  const mtu = ns?.links.find((l) => l.name === dev)?.mtu;
  return mtu ? mtu - 40 : DEFAULT_MSS;
}
