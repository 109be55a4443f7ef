// kubectl annotate (pkg/cmd/annotate/annotate.go): the same shape as label, on annotations.

import { editMetadata, METADATA_EDIT_FLAGS } from './metadata-edit';
import { OPTIONS_TRAILER, type KubectlVerb } from './verb';

export const annotate: KubectlVerb = {
  name: 'annotate',
  flags: METADATA_EDIT_FLAGS,
  help: `Update the annotations on one or more resources.

 All Kubernetes objects support the ability to store additional data with the object as annotations. Annotations are key/value pairs that can be larger than labels and include arbitrary string values such as structured JSON. Tools and system extensions may use annotations to store their own data.

 Attempting to set an annotation that already exists will fail unless --overwrite is set. If --resource-version is specified and does not match the current resource version on the server the command will fail.

Examples:
  # Update pod 'foo' with the annotation 'description' and the value 'my frontend'
  # If the same annotation is set multiple times, only the last value will be applied
  kubectl annotate pods foo description='my frontend'

  # Update pod 'foo' by removing an annotation named 'description' if it exists
  # Does not require the --overwrite flag
  kubectl annotate pods foo description-

Usage:
  kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]

${OPTIONS_TRAILER}`,
  run: (inv) => editMetadata(inv, 'annotations'),
};
