// /nginx-ingress-controller, the controller binary at the image's root (not on $PATH): it prints
// its release banner first thing (cmd/nginx/main.go, version/version.go), then `--version` exits;
// anything else would start a second controller, which finds its ports taken.

import type { ShellCommand } from '../../command-types';
import { fail, ok } from '../../command-types';
import { parseImageRef } from '../../../cluster/images';
import { controllerBuildHere } from '../nginx/nginx';

const RULE = '-'.repeat(79);

export const nginxIngressController: ShellCommand = {
  name: '/nginx-ingress-controller',
  run(ctx) {
    const build = controllerBuildHere(ctx);
    const loc = ctx.session?.location();
    const pod = loc?.kind === 'pod' ? ctx.cluster.get('pods', loc.namespace, loc.pod) : undefined;
    const image = pod?.spec.containers.find((c) => loc?.kind === 'pod' && c.name === loc.container)?.image;
    const release = (image && parseImageRef(image)?.tag) || 'UNKNOWN';
    const banner = `${RULE}\nNGINX Ingress controller\n  Release:       ${release}\n  Build:         ${build.commit}\n  Repository:    https://github.com/kubernetes/ingress-nginx\n  nginx version: nginx/${build.nginx}\n\n${RULE}\n\n`;
    if (ctx.args.includes('--version')) return ok(banner);
    const unknown = ctx.args.find((a) => a.startsWith('-') && !a.includes('='));
    if (unknown) return fail(`unknown flag: ${unknown}\n`, 2, banner);
    return fail('port 80 is already in use. Please check the flag --http-port\n', 1, banner);
  },
};
