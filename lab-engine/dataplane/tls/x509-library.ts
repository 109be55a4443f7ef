// The one door to @peculiar/x509, the library that builds and decodes certificates beyond what
// node:crypto's X509Certificate offers (signing new certificates, reading extensions for
// `openssl x509 -text`). Chosen over node-forge because it signs through WebCrypto, so ECDSA
// keys (`openssl req -newkey ec`) work as well as RSA, and it is typed and maintained. It is
// loaded on first use with a dynamic import and kept out of the labsh bundle (build.mjs marks it
// external), so a session that never makes a certificate never loads it.

import { webcrypto } from 'node:crypto';

export type X509Lib = typeof import('@peculiar/x509');
let library: Promise<X509Lib> | undefined;

export async function loadX509(): Promise<X509Lib> {
  library ??= (async () => {
    // tsyringe, which @peculiar/x509 uses, wants the Reflect metadata polyfill loaded first.
    await import('reflect-metadata');
    const lib = await import('@peculiar/x509');
    // node:crypto's webcrypto is the DOM Crypto the library types expect; the engine compiles without the DOM lib.
    lib.cryptoProvider.set(webcrypto as never);
    return lib;
  })();
  return library;
}
