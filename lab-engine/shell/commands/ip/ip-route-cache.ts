// `ip route get` and `ip route flush cache`: the route the kernel picks for one destination, with
// the netns's learned path MTU for it (dataplane/packet/pmtu-cache.ts) on the `cache` line as
// iproute2 prints an IPv4 route exception: `    cache expires 599sec mtu 1400 ` (print_cache_flags,
// then print_rta_cacheinfo's `expires %dsec ` from the kernel's remaining jiffies, whole seconds
// rounded down, then print_rta_metrics' `mtu ` with `lock ` when min_pmtu was imposed). Without an
// exception the line is the bare `    cache `. `ip route flush cache` writes -1 to
// /proc/sys/net/ipv4/route/flush, which forgets the netns's exceptions; a container's /proc/sys is
// read-only, and iproute2 6.1 ignores that failure after printing it.
// Not modelled: `ip -s route get`'s users/used/age counters (the dst's refcount and use count, which
// the simulation does not keep): with -s the output is the same as without.
// Sources: iproute2 ip/iproute.c (print_route, print_cache_flags, print_rta_cacheinfo,
// print_rta_metrics, iproute_flush_cache, iproute_flush), net/ipv4/route.c (rt_fill_info,
// ipv4_sysctl_rtcache_flush); the real captures are named in testdata/route-get-pmtu.golden.

import type { CommandContext, CommandOutput } from '../../command-types';
import { fail, ok } from '../../command-types';
import type { Netns } from '../../../dataplane/netns/types';
import { lookupRoute } from '../../../dataplane/netns/route-lookup';
import type { LearnedPmtu } from '../../../dataplane/packet/pmtu-cache';
import type { IpStyle } from './ip-format';

const ROUTE_FLUSH_PATH = '/proc/sys/net/ipv4/route/flush';

/** iproute2's `matches()`: the typed word is a non-empty prefix of the keyword. */
function matches(word: string, keyword: string): boolean {
  return word.length > 0 && keyword.startsWith(word);
}

/** `ip route flush cache` (or `cached`, `cloned`): the selector that flushes the route cache. */
export function isCacheFlush(args: readonly string[]): boolean {
  return args.length > 0 && args.every((w) => matches(w, 'cached') || matches(w, 'cloned'));
}

/** `ip route flush cache` in `ns`; `stats`: `-s`, which reports the flush. */
export function flushCache(ctx: CommandContext, ns: Netns, stats: boolean): CommandOutput {
  if (ns.kind === 'pod') return { stdout: '', stderr: `Cannot open "${ROUTE_FLUSH_PATH}": Read-only file system\n`, exitCode: 0 };
  ctx.session?.network().pmtu?.flush(ns.id);
  return ok(stats ? '*** IPv4 routing cache is flushed.\n' : '');
}

/** `ip route get ADDRESS` in `ns`. */
export function routeGet(ctx: CommandContext, ns: Netns, args: string[], style: IpStyle): CommandOutput {
  const target = args.find((a) => a !== 'to');
  if (target === undefined) return fail('need at least a destination address\n', 1);
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(target) || target.split('.').some((o) => Number(o) > 255)) return fail(`Error: any valid prefix is expected rather than "${target}".\n`, 1);
  const d = lookupRoute(ns, target);
  if (!d.ok) return fail(`RTNETLINK answers: ${d.error}\n`, 2);
  if (d.kind === 'local') return ok(`local ${target} dev lo src ${d.src}${style === 'busybox' ? '' : ' uid 0 \n    cache <local> '}\n`);
  const head = `${target}${d.via ? ` via ${d.via}` : ''} dev ${d.dev} src ${d.src}`;
  // BusyBox's applet prints neither the uid nor the cache line.
  if (style === 'busybox') return ok(`${head}\n`);
  const world = ctx.session?.network();
  const learned = world?.pmtu?.lookup(ns.id, target, world.nowMs);
  return ok(`${head} uid 0 \n    cache ${learned && world ? exception(learned, world.nowMs) : ''}\n`);
}

/** The exception's cacheinfo and metrics, each token followed by a space as iproute2 prints them. */
function exception(entry: LearnedPmtu, nowMs: number): string {
  const expires = Math.floor((entry.expiresAtMs - nowMs) / 1000);
  return `expires ${expires}sec mtu ${entry.locked ? 'lock ' : ''}${entry.mtu} `;
}
