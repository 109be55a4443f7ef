// GROUND-TRUTH §2.1: kube-proxy's chain-name hashes, each seen in kubernetes/kubernetes
// pkg/proxy/iptables/proxier_test.go or in real clusters' dumps.
import { describe, expect, it } from 'vitest';
import { endpointChainName, portProtoHash, serviceChainName, servicePortNameString } from './chain-names';
import { formatKernelProbability, kubeProxyProbability, statisticFixedPoint } from './probability';

describe('portProtoHash (proxier.go) — GROUND-TRUTH §2.1 table', () => {
  it.each([
    ['ns1/svc1:p80', 'tcp', 'XPGD46QRK7WJZT7O'],
    ['ns2/svc2:p80', 'tcp', 'GNZBNJ2PO5MGZ6GT'],
    ['ns3/svc3:p80', 'tcp', 'X27LE4BHSL4DOUIK'],
    ['ns4/svc4:p80', 'tcp', '4SW47YFZTEDKD3PK'],
    ['ns5/svc5:p80', 'tcp', 'NUKIZ6OKUXPJNT4C'],
    ['ns1/svc1', 'tcp', 'AQI2S6QIMU7PVVRP'],
    ['default/kubernetes:https', 'tcp', 'NPX46M4PTMTKRN6Y'],
    ['kube-system/kube-dns:dns', 'udp', 'TCOU7JCQXEZGVUNU'],
    ['kube-system/kube-dns:dns-tcp', 'tcp', 'ERIFXISQEP7F7OF4'],
    ['kube-system/kube-dns:metrics', 'tcp', 'JD5MR3NA4I4DYORP'],
    ['default/httpenv', 'tcp', '6ZVPY37LGINYSSPR'],
    ['ch20/web:http', 'tcp', 'IFRSJQYNFWED4CMW'],
  ])('%s %s → %s', (name, proto, hash) => {
    expect(portProtoHash(name, proto)).toBe(hash);
  });

  it('prefixes share the hash; protocol case does not matter (kube-proxy lower-cases it)', () => {
    expect(serviceChainName('KUBE-SVL-', 'ns1/svc1', 'TCP')).toBe('KUBE-SVL-AQI2S6QIMU7PVVRP');
    expect(servicePortNameString('ns1', 'svc1', undefined)).toBe('ns1/svc1');
    expect(servicePortNameString('ns1', 'svc1', 'p80')).toBe('ns1/svc1:p80');
  });
});

describe('KUBE-SEP- names (servicePortEndpointChainName)', () => {
  it.each([
    ['ns1/svc1:p80', '10.180.0.1:80', 'KUBE-SEP-SXIVWICOYRO3J4NJ'],
    ['ns4/svc4:p80', '10.180.0.4:80', 'KUBE-SEP-UKSFD7AGPMPPLUHC'],
    ['ns4/svc4:p80', '10.180.0.5:80', 'KUBE-SEP-C6EBXVWJJZMIWKLZ'],
    ['ns2/svc2:p80', '10.180.0.2:80', 'KUBE-SEP-RS4RBKLTHTF2IUXJ'],
    ['ns3/svc3:p80', '10.180.0.3:80', 'KUBE-SEP-OYPFS5VJICHGATKP'],
    ['ns5/svc5:p80', '10.180.0.3:80', 'KUBE-SEP-I77PXRDZVX7PMWMN'],
    ['ns1/svc1', '10.0.1.1:80', 'KUBE-SEP-3JOIVZTXZZRGORX4'],
    ['ns1/svc1', '10.0.1.2:80', 'KUBE-SEP-IO5XOSKPAXIFQXAJ'],
    ['ns1/svc1', '10.0.1.3:80', 'KUBE-SEP-XGJFVO3L2O5SRFNT'],
    ['default/httpenv', '172.17.0.10:8888', 'KUBE-SEP-GPWR3APAVUJOODXU'],
    ['default/httpenv', '172.17.0.9:8888', 'KUBE-SEP-YGRPELBHAWQZOHR3'],
    ['ch20/web:http', '10.244.0.194:8080', 'KUBE-SEP-NFL37PQ3XGPAYNBX'],
  ])('%s tcp %s → %s', (name, ep, chain) => {
    expect(endpointChainName(name, 'tcp', ep)).toBe(chain);
  });
});

describe('statistic probabilities — GROUND-TRUTH §2.2 table', () => {
  it.each([
    [2, '0.5000000000', '0.50000000000'],
    [3, '0.3333333333', '0.33333333349'],
    [4, '0.2500000000', '0.25000000000'],
    [5, '0.2000000000', '0.20000000019'],
    [6, '0.1666666667', '0.16666666651'],
    [7, '0.1428571429', '0.14285714272'],
    [8, '0.1250000000', '0.12500000000'],
    [9, '0.1111111111', '0.11111111101'],
    [10, '0.1000000000', '0.10000000009'],
  ])('n=%i: kube-proxy writes %s, iptables-save shows %s', (n, written, shown) => {
    expect(kubeProxyProbability(n)).toBe(written);
    expect(formatKernelProbability(statisticFixedPoint(Number(written)))).toBe(shown);
  });
});
