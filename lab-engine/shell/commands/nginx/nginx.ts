// nginx in the ingress-nginx controller image (/usr/local/nginx/sbin/nginx, linked as /usr/bin/nginx):
// `-v` prints the version its base image compiled (to stderr, as nginx does), `-t` checks and `-T`
// also dumps /etc/nginx/nginx.conf, the file the controller wrote. Without options it would start a
// second master on ports the running one holds.

import type { CommandContext, ShellCommand } from '../../command-types';
import { fail, ok } from '../../command-types';
import { parseImageRef } from '../../../cluster/images';
import { ingressNginxBuild, type IngressNginxBuild } from '../../../cluster/bootstrap/ingress-nginx-versions';
import { NGINX_CONF_PATH } from '../../../dataplane/ingress/nginx-conf';

/** The build of the controller image the shell stands in. */
export function controllerBuildHere(ctx: CommandContext): IngressNginxBuild {
  const loc = ctx.session?.location();
  const pod = loc?.kind === 'pod' ? ctx.cluster.get('pods', loc.namespace, loc.pod) : undefined;
  const image = loc?.kind === 'pod' ? pod?.spec.containers.find((c) => c.name === loc.container)?.image : undefined;
  return ingressNginxBuild((image && parseImageRef(image)?.tag) || '');
}

export const nginx: ShellCommand = {
  name: 'nginx',
  run(ctx) {
    const version = `nginx version: nginx/${controllerBuildHere(ctx).nginx}\n`;
    const tested = `nginx: the configuration file ${NGINX_CONF_PATH} syntax is ok\nnginx: configuration file ${NGINX_CONF_PATH} test is successful\n`;
    const [flag, ...rest] = ctx.args;
    if (rest.length) return fail(`nginx: invalid option: "${rest[0]}"\n`);
    switch (flag) {
      case '-v':
      case '-V':
        return fail(version, 0);
      case '-t':
      case '-T': {
        const conf = ctx.fs.read(NGINX_CONF_PATH);
        if (conf === undefined) return fail(`nginx: [emerg] open() "${NGINX_CONF_PATH}" failed (2: No such file or directory)\nnginx: configuration file ${NGINX_CONF_PATH} test failed\n`);
        return flag === '-t' ? fail(tested, 0) : fail(tested, 0, `# configuration file ${NGINX_CONF_PATH}:\n${conf}\n`);
      }
      case undefined:
        return fail('nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address in use)\nnginx: [emerg] still could not bind()\n');
      default:
        return flag.startsWith('-') ? fail(`nginx: invalid option: "${flag.slice(1)}"\n`) : ok();
    }
  },
};
