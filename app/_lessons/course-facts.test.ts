// The lessons and the simulator must tell a learner the same facts. Each fact is asked of the
// engine the way a learner would find it (the API server's own range errors, a pod's
// resolv.conf, the tunnel devices' MTUs, kube-proxy's accepted modes), then every lesson is read
// for the places it states that fact: a NodePort range, the Service or pod CIDR, ndots, an
// overlay's MTU or overhead, a kube-proxy mode name. A lesson that disagrees fails here with the
// line, so the text cannot drift from the cluster beside it.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VALID_PROXY_MODES } from '../../lab-engine/cluster/kube-proxy-modes';
import { createSimulation, settle } from '../../lab-engine/simulation/simulation';
import { listModules } from './catalogue';

async function run(command: string, cni: 'calico' | 'flannel' = 'calico'): Promise<string> {
  const sim = createSimulation({ seed: 1, topology: { cni, proxyMode: 'iptables' } });
  let out = '';
  for (const line of command.split('\n')) {
    out += (await sim.exec(line)).combined;
    settle(sim);
  }
  return out;
}

const capture = (text: string, pattern: RegExp): string => {
  const match = pattern.exec(text);
  if (!match) throw new Error(`the engine did not say ${pattern}:\n${text}`);
  return match[1];
};

const engine = {
  nodePortRange: capture(await run('kubectl create service nodeport x --tcp=80 --node-port=1'), /range of valid ports is (\d+-\d+)/),
  serviceCIDR: capture(await run('kubectl create service clusterip y --tcp=80 --clusterip=1.2.3.4'), /range of valid IPs is (\S+)/),
  podCIDR: capture(await run('ssh node-1 cat /run/flannel/subnet.env', 'flannel'), /FLANNEL_NETWORK=(\S+)/),
  ndots: capture(
    await run('kubectl run c --image=busybox -- sleep 3600\nkubectl wait --for=condition=Ready pod/c --timeout=60s\nkubectl exec c -- cat /etc/resolv.conf'),
    /options ndots:(\d+)/,
  ),
  ipipMTU: Number(capture(await run('ssh node-1 ip link show tunl0'), /mtu (\d+)/)),
  vxlanMTU: Number(capture(await run('ssh node-1 ip link show flannel.1', 'flannel'), /mtu (\d+)/)),
  linkMTU: Number(capture(await run('ssh node-1 ip link show eth0'), /mtu (\d+)/)),
};

interface Claim {
  file: string;
  line: number;
  text: string;
}

// A quiz's options hold wrong answers on purpose; they are blanked (lines kept) before reading claims.
const withoutQuizOptions = (source: string) => source.replace(/options=\{\[[\s\S]*?\]\}/g, (options) => options.replace(/[^\n]/g, ' '));
const lessons = (await listModules())
  .flatMap((m) => m.lessons)
  .map((l) => ({ file: l.path.slice(l.path.indexOf('content/')), source: withoutQuizOptions(readFileSync(l.path, 'utf8')) }));

/** Every match of `pattern` in every lesson, with the text around it for context checks. */
function claims(pattern: RegExp, around = 0): (Claim & { match: RegExpExecArray; context: string })[] {
  return lessons.flatMap(({ file, source }) =>
    [...source.matchAll(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`))].map((match) => ({
      file,
      line: source.slice(0, match.index).split('\n').length,
      text: match[0],
      match: match as RegExpExecArray,
      context: source.slice(Math.max(0, match.index - around), match.index + match[0].length + around),
    })),
  );
}

/** Sentences (or lines of code) that mention `topic`, for facts stated about it. */
function sentencesAbout(topic: RegExp): Claim[] {
  return lessons.flatMap(({ file, source }) => {
    const found: Claim[] = [];
    let offset = 0;
    for (const sentence of source.split(/(?<=[.!?])\s+|\n\s*\n/)) {
      const at = source.indexOf(sentence, offset);
      offset = at + sentence.length;
      if (topic.test(sentence)) found.push({ file, line: source.slice(0, at).split('\n').length, text: sentence.replace(/\s+/g, ' ') });
    }
    return found;
  });
}

const where = (c: Claim) => `${c.file}:${c.line}: ${c.text}`;

describe('what the engine says', () => {
  it('is what a kubeadm cluster on Kubernetes v1.34 says', () => {
    expect(engine).toEqual({ nodePortRange: '30000-32767', serviceCIDR: '10.96.0.0/12', podCIDR: '10.244.0.0/16', ndots: '5', ipipMTU: 1480, vxlanMTU: 1450, linkMTU: 1500 });
  });
});

describe('the lessons agree with the engine', () => {
  it('on the NodePort range', () => {
    const stated = claims(/\b(\d{5})\s*(?:-|–|—|to|:)\s*(\d{5})\b/, 160).filter((c) => /node ?port|service-node-port-range/i.test(c.context));
    expect(stated.filter((c) => `${c.match[1]}-${c.match[2]}` === engine.nodePortRange).length, 'no lesson states the NodePort range').toBeGreaterThan(0);
    // A part of the range (the static band KEP-3668 reserves, say) is fine; a range reaching outside it is not.
    const [min, max] = engine.nodePortRange.split('-').map(Number);
    expect(stated.filter((c) => Number(c.match[1]) < min || Number(c.match[2]) > max).map(where)).toEqual([]);
  });

  it('on the Service and pod CIDRs', () => {
    // A /32 (one Service's address in an ipBlock) is not a claim about the range; a short prefix is.
    const service = claims(/\b(?:10\.9[6-9]|10\.1[01]\d)\.\d{1,3}\.\d{1,3}\/(\d{1,2})\b/, 100).filter(
      (c) => Number(c.match[1]) < 24 && /service|cluster ?ip/i.test(c.context),
    );
    expect(service.length, 'no lesson states the Service CIDR').toBeGreaterThan(0);
    expect(service.filter((c) => c.text !== engine.serviceCIDR).map(where)).toEqual([]);
    // 10.244.N.0/24 is one node's share; a shorter prefix is a claim about the whole pod network.
    const pods = claims(/\b10\.244\.0\.0\/(\d{1,2})\b/).filter((c) => Number(c.match[1]) < 24);
    expect(pods.filter((c) => c.text !== engine.podCIDR).map(where)).toEqual([]);
  });

  it('on ndots', () => {
    const stated = claims(/\bndots[:=]\s?(\d+)/, 0);
    expect(stated.length, 'no lesson states ndots').toBeGreaterThan(0);
    // A value other than the default is fine only where the lesson is setting it through dnsConfig.
    const wrong = stated.filter((c) => c.match[1] !== engine.ndots && !/dnsConfig|options:|name: ndots/.test(lessons.find((l) => l.file === c.file)?.source.split('\n').slice(c.line - 20, c.line + 1).join('\n') ?? ''));
    expect(wrong.map(where)).toEqual([]);
  });

  it('on overlay MTUs and overheads', () => {
    const mtuNumbers = (c: Claim) => [...c.text.matchAll(/\b(1[0-9]{3})\b/g)].map((m) => Number(m[1])).filter((n) => n !== engine.linkMTU);
    const vxlan = sentencesAbout(/VXLAN/).filter((c) => /\bMTU\b/i.test(c.text) && !/IP-?in-?IP|IPIP|WireGuard|Geneve|IPsec|jumbo|9001/i.test(c.text));
    const ipip = sentencesAbout(/IP-?in-?IP|IPIP/).filter((c) => /\bMTU\b/i.test(c.text) && !/VXLAN|WireGuard|Geneve|IPsec|jumbo|9001/i.test(c.text));
    expect(vxlan.length + ipip.length, 'no lesson states an overlay MTU').toBeGreaterThan(0);
    expect(vxlan.filter((c) => mtuNumbers(c).some((n) => n !== engine.vxlanMTU)).map(where)).toEqual([]);
    expect(ipip.filter((c) => mtuNumbers(c).some((n) => n !== engine.ipipMTU)).map(where)).toEqual([]);
    const overhead = (c: Claim) => [...c.text.matchAll(/\b(\d{2}) bytes?\b/g)].map((m) => Number(m[1]));
    expect(vxlan.filter((c) => overhead(c).some((n) => n !== engine.linkMTU - engine.vxlanMTU)).map(where)).toEqual([]);
    expect(ipip.filter((c) => overhead(c).some((n) => n !== engine.linkMTU - engine.ipipMTU)).map(where)).toEqual([]);
  });

  it('on the names of kube-proxy modes', () => {
    const known = new Set<string>([...VALID_PROXY_MODES, '', 'kernelspace']);
    const flags = claims(/--proxy-mode[= ]([a-z]+)/);
    const configs = claims(/^\s*mode:\s*["']?([a-zA-Z]*)["']?\s*$/m, 600).filter((c) => /kube-proxy|KubeProxyConfiguration/.test(c.context));
    expect([...flags, ...configs].filter((c) => !known.has(c.match[1])).map(where)).toEqual([]);
    const all = lessons.map((l) => l.source).join('\n');
    for (const mode of VALID_PROXY_MODES) expect(all, `no lesson names kube-proxy's ${mode} mode`).toContain(mode);
  });
});
