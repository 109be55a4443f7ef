// The statistic match's probability, twice: as kube-proxy writes it (proxier.go computeProbability,
// fmt "%0.10f" of 1/n) and as the kernel stores it — xt_statistic keeps a 31-bit fixed-point
// number (iptables' libxt_statistic: lround(0x80000000 * p)) and iptables prints that back with
// 11 decimals. GROUND-TRUTH §2.2 has the table; a learner's `iptables-save` shows the second form.

const TWO_31 = 0x80000000;

/** kube-proxy's string for endpoint i of n (n - i endpoints remain). */
export function kubeProxyProbability(remaining: number): string {
  return (1 / remaining).toFixed(10);
}

/** The kernel's fixed-point value for a probability string as iptables parsed it. */
export function statisticFixedPoint(probability: number): number {
  return Math.round(TWO_31 * probability);
}

/** What iptables-save / -S / -L print for a stored fixed-point value. */
export function formatKernelProbability(fixedPoint: number): string {
  return (fixedPoint / TWO_31).toFixed(11);
}

/** The kernel's test: a random 31-bit number below the stored threshold matches. */
export function statisticDraw(fixedPoint: number, random01: number): boolean {
  return Math.floor(random01 * TWO_31) < fixedPoint;
}
