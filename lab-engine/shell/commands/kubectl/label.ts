// kubectl label (pkg/cmd/label/label.go): add (`k=v`), change (with --overwrite) or remove (`k-`)
// labels on objects named or selected. A pod's labels decide which Services and ReplicaSets own
// it, so this is also how a learner moves a pod in and out of a Service.

import { editMetadata, METADATA_EDIT_FLAGS } from './metadata-edit';
import { OPTIONS_TRAILER, type KubectlVerb } from './verb';

export const label: KubectlVerb = {
  name: 'label',
  flags: METADATA_EDIT_FLAGS,
  help: `Update the labels on a resource.

  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.
  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.
  *  If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used.

Examples:
  # Update pod 'foo' with the label 'unhealthy' and the value 'true'
  kubectl label pods foo unhealthy=true

  # Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value
  kubectl label --overwrite pods foo status=unhealthy

  # Update all pods in the namespace
  kubectl label pods --all status=unhealthy

  # Update pod 'foo' by removing a label named 'bar' if it exists
  # Does not require the --overwrite flag
  kubectl label pods foo bar-

Usage:
  kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]

${OPTIONS_TRAILER}`,
  run: (inv) => editMetadata(inv, 'labels'),
};
