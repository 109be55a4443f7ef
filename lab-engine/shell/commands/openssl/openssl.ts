// `openssl` (OpenSSL 3.0), the sub-commands Kubernetes TLS tutorials use: req -x509 (a self-signed
// certificate and its key), genrsa, x509 (print a certificate's fields) and s_client (look at what
// a server presents). Keys and certificates are real PEM, written into the virtual filesystem.
// Options are parsed per sub-command; an unknown one is refused as OpenSSL 3 refuses it.

import { OutputBuilder, type CommandOutput, type ShellCommand } from '../../command-types';
import { genrsa, req } from './openssl-req';
import { sClient } from './openssl-s-client';
import { x509 } from './openssl-x509';

export const OPENSSL_VERSION = 'OpenSSL 3.0.13 30 Jan 2024 (Library: OpenSSL 3.0.13 30 Jan 2024)';

const HELP = `help:

Standard commands
genrsa            help              req               s_client
version           x509

Message Digest commands (see the \`dgst' command for more details)

Cipher commands (see the \`enc' command for more details)

(Flatnet simulates these sub-commands only.)
`;

export const openssl: ShellCommand = {
  name: 'openssl',
  async run(ctx): Promise<CommandOutput> {
    const out = new OutputBuilder();
    const [sub, ...rest] = ctx.args;
    switch (sub) {
      case undefined:
      case 'help':
      case '-help':
      case '--help':
        return out.err(HELP).done(0);
      case 'version':
        return out.out(`${OPENSSL_VERSION}\n`).done(0);
      case 'req':
        return req({ ...ctx, args: rest });
      case 'genrsa':
        return genrsa({ ...ctx, args: rest });
      case 'x509':
        return x509({ ...ctx, args: rest });
      case 's_client':
        return sClient({ ...ctx, args: rest });
      default:
        return out.err(`Invalid command '${sub}'; type "help" for a list.\n`).done(1);
    }
  },
};
