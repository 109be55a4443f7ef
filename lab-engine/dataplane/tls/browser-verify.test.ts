// A browser's verdict on certificates from a real private PKI (testdata/README.md): a full chain
// to a trusted root passes; a leaf sent without its intermediate, an expired one, a CN-only one
// and one for another name each fail with OpenSSL's error (where OpenSSL has one, as the real
// `openssl verify` gave it) and Chrome's error code.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIMULATION_EPOCH_MS } from '../../core/clock';
import { servedFromPem, type ServedCertificate } from './certificate';
import { verifyAsBrowser } from './browser-verify';
import { trustAnchors } from './verify';

const pem = (name: string) => readFileSync(join(__dirname, 'testdata', name), 'utf8');
const served = (...files: string[]): ServedCertificate => servedFromPem(files.map(pem).join(''))!;
const root = trustAnchors(pem('root.crt'));
const DAY = 24 * 60 * 60 * 1000;

describe('verifyAsBrowser', () => {
  it('accepts the leaf with its intermediate, trusted through the root', () => {
    expect(verifyAsBrowser(served('shop.crt', 'issuing.crt'), root, 'shop.example.com', SIMULATION_EPOCH_MS)).toEqual({ ok: true, matched: 'shop.example.com' });
  });

  it('the leaf alone: unable to get local issuer certificate (20), as openssl verify says', () => {
    expect(verifyAsBrowser(served('shop.crt'), root, 'shop.example.com', SIMULATION_EPOCH_MS)).toEqual({ ok: false, kind: 'untrusted', chrome: 'NET::ERR_CERT_AUTHORITY_INVALID', code: 20, text: 'unable to get local issuer certificate' });
  });

  it('a root nobody trusts fails the same way, even with the full chain', () => {
    expect(verifyAsBrowser(served('shop.crt', 'issuing.crt'), [], 'shop.example.com', SIMULATION_EPOCH_MS)).toMatchObject({ ok: false, kind: 'untrusted', code: 20 });
  });

  it('an expired leaf: certificate has expired (10); the same leaf before notBefore: not yet valid (9)', () => {
    expect(verifyAsBrowser(served('shop-2025.crt', 'issuing.crt'), root, 'shop.example.com', SIMULATION_EPOCH_MS)).toEqual({ ok: false, kind: 'date', chrome: 'NET::ERR_CERT_DATE_INVALID', code: 10, text: 'certificate has expired' });
    const early = Date.UTC(2025, 11, 14);
    expect(verifyAsBrowser(served('shop.crt', 'issuing.crt'), root, 'shop.example.com', early)).toMatchObject({ ok: false, kind: 'date', code: 9, text: 'certificate is not yet valid' });
    // The simulated clock decides: the valid certificate expires in its turn.
    expect(verifyAsBrowser(served('shop.crt', 'issuing.crt'), root, 'shop.example.com', SIMULATION_EPOCH_MS + 70 * DAY)).toMatchObject({ ok: false, code: 10 });
  });

  it('a CN-only certificate names nothing for a browser, though its CN is the host', () => {
    const cert = served('shop-cn-only.crt', 'issuing.crt');
    expect(cert.subject).toContainEqual(['CN', 'shop.example.com']);
    expect(verifyAsBrowser(cert, root, 'shop.example.com', SIMULATION_EPOCH_MS)).toEqual({ ok: false, kind: 'no-san', chrome: 'NET::ERR_CERT_COMMON_NAME_INVALID' });
  });

  it('a trusted certificate for another name: the SAN does not cover the host', () => {
    expect(verifyAsBrowser(served('www.crt', 'issuing.crt'), root, 'shop.example.com', SIMULATION_EPOCH_MS)).toEqual({ ok: false, kind: 'name', chrome: 'NET::ERR_CERT_COMMON_NAME_INVALID', names: ['www.example.com'] });
  });
});
