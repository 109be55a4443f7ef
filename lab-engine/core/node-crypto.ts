// node:crypto, loaded the first time a hash or a certificate is needed rather than when labsh
// starts (an idle session computes neither; importing it costs every idle labsh ~0.6 MB of
// OpenSSL's pages). process.getBuiltinModule (Node 20.16+) loads it
// synchronously without node:module's createRequire, whose import alone starts Node's ESM loader
// in every labsh child (about 1 MB, measured with the engine built as CommonJS).

let cryptoModule: typeof import('node:crypto') | undefined;

export function nodeCrypto(): typeof import('node:crypto') {
  return (cryptoModule ??= process.getBuiltinModule('node:crypto'));
}
