// Interface names and MAC addresses the way the real plugins derive them, and the hashes they
// take, without node:crypto (its load costs ~2 MB RSS per session, see cluster/images.ts):
// - SHA-1, for plugins that name a veth after a hash of the pod (a plugin's folder says how).
// - The CNI bridge plugin names a pod's host-side veth `veth` + 8 random hex digits (plugins
//   `ip.RandomVethName`); here the randomness is a hash of the pod's UID, itself seeded.
// - MACs of veths and bridges are random locally-administered addresses in the kernel; here
//   hashes of the owner, with the locally-administered bit set and the multicast bit clear.

export function sha1Hex(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const bitLen = bytes.length * 8;
  const padded = new Uint8Array(((bytes.length + 9 + 63) >> 6) << 6);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 4, bitLen >>> 0);
  view.setUint32(padded.length - 8, Math.floor(bitLen / 2 ** 32));
  let h0 = 0x67452301, h1 = 0xefcdab89, h2 = 0x98badcfe, h3 = 0x10325476, h4 = 0xc3d2e1f0;
  const w = new Uint32Array(80);
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 80; i++) {
      const x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16];
      w[i] = (x << 1) | (x >>> 31);
    }
    let a = h0, b = h1, c = h2, d = h3, e = h4;
    for (let i = 0; i < 80; i++) {
      let f: number, k: number;
      if (i < 20) { f = (b & c) | (~b & d); k = 0x5a827999; }
      else if (i < 40) { f = b ^ c ^ d; k = 0x6ed9eba1; }
      else if (i < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8f1bbcdc; }
      else { f = b ^ c ^ d; k = 0xca62c1d6; }
      const t = (((a << 5) | (a >>> 27)) + f + e + k + w[i]) >>> 0;
      e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = t;
    }
    h0 = (h0 + a) >>> 0; h1 = (h1 + b) >>> 0; h2 = (h2 + c) >>> 0; h3 = (h3 + d) >>> 0; h4 = (h4 + e) >>> 0;
  }
  return [h0, h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
}

/** 32-bit FNV-1a with a lane salt, for names and MACs that only need to look random and stay put. */
export function fnvHex(text: string, lane = 0): string {
  let h = (0x811c9dc5 ^ Math.imul(lane + 1, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
  return ((h ^ (h >>> 13)) >>> 0).toString(16).padStart(8, '0');
}

export function bridgeVethName(podUid: string): string {
  return `veth${fnvHex(podUid, 7)}`;
}

/** A locally administered unicast MAC derived from `seed`. */
export function randomMac(seed: string): string {
  const hex = fnvHex(seed, 1) + fnvHex(seed, 2);
  const bytes = [0, 1, 2, 3, 4, 5].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
  bytes[0] = (bytes[0] & 0xfc) | 0x02;
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** containerd names pod netns `cni-<uuid>` (a random v4 UUID; here derived from the pod UID). */
export function podNetnsName(podUid: string): string {
  const h = [0, 1, 2, 3].map((l) => fnvHex(podUid, 20 + l)).join('');
  return `cni-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** IPv6 link-local address from a MAC (modified EUI-64), as the kernel assigns it. */
export function linkLocalFromMac(mac: string): string {
  const b = mac.split(':').map((x) => parseInt(x, 16));
  b[0] ^= 0x02;
  const groups = [(b[0] << 8) | b[1], (b[2] << 8) | 0xff, (0xfe << 8) | b[3], (b[4] << 8) | b[5]];
  return `fe80::${groups.map((g) => g.toString(16)).join(':')}`;
}
