// What `labctl new <id>` writes: a small lab that already passes `labctl lint` and `labctl test`
// (a Service whose targetPort points where nothing listens, one reachability check, three
// near-miss mutations), commented so an author reshapes it into their own rather than starting
// from an empty file. AUTHORING.md walks through the same files.

export interface ScaffoldOptions {
  id: string;
  title: string;
  /** A module slug from content/modules (lab.yaml's `module`). */
  module: string;
}

/** The lab folder's files, by path relative to content/labs/<id>/. */
export function scaffoldLab({ id, title, module }: ScaffoldOptions): Record<string, string> {
  return {
    'lab.yaml': labYaml(id, title, module),
    'files/api.yaml': API_YAML,
    'steps/01-fix-target-port.mdx': STEP_TEXT,
  };
}

/** A YAML double-quoted scalar, so any title (colons, quotes, a leading dash) stays one string. */
function yamlString(text: string): string {
  return JSON.stringify(text);
}

function labYaml(id: string, title: string, module: string): string {
  return `# A new lab, scaffolded by \`labctl new\`: a working example to reshape into your own. The story: the
# Service \`api\` sends to port 8080, where nothing listens, so every connection is refused. Change
# the setup, the step text, the checks, the solution and the mutations together, and keep
# \`npx labctl test ${id}\` green: setup fails every check, the solution passes them, and each
# mutation (a wrong answer a learner would really try) fails the checks it names. AUTHORING.md
# walks through each field.
id: ${id}
title: ${yamlString(title)}
module: ${module}
seed: 1

# Runs in the simulated cluster before the learner arrives; /lab/ holds the files/ folder.
setup: |
  kubectl apply -f /lab/api.yaml

steps:
  - id: fix-target-port
    title: Make api answer on port 80
    text: steps/01-fix-target-port.mdx
    checks:
      # Graded on behaviour: one packet from client through the Service, walked by the dataplane.
      - id: client-reaches-api
        title: client reaches api:80
        kind: reachability
        from: { pod: client }
        to: { service: api, port: 80 }
        expect: allowed
    # Hints open one at a time; only the last may give the answer away (\`labctl lint\` checks it).
    hints:
      - "\`trace pod/client svc/api:80\` follows the packet: does it reach a pod, and what answers it there?"
      - "Compare the Service's \`targetPort\` (\`kubectl get svc api -o yaml\`) with the port the container listens on (\`kubectl get pod -l app=api -o yaml\`, or \`ss -ltn\` inside it)."
      - "Set \`targetPort: 80\` in /lab/api.yaml and \`kubectl apply -f /lab/api.yaml\`."

solution: |
  sed -i 's/targetPort: 8080/targetPort: 80/' /lab/api.yaml
  kubectl apply -f /lab/api.yaml

mutations:
  # The Service's own port moved to 8080 too: clients still ask for port 80.
  - name: service-port-instead
    script: |
      sed -i 's/port: 80$/port: 8080/' /lab/api.yaml
      kubectl apply -f /lab/api.yaml
    mustFail: [client-reaches-api]
  # Declaring containerPort 8080 documents a port; it does not make nginx listen on it.
  - name: declare-container-port
    script: |
      sed -i 's/containerPort: 80$/containerPort: 8080/' /lab/api.yaml
      kubectl apply -f /lab/api.yaml
    mustFail: [client-reaches-api]
  # A second, correct Service beside the broken one: api itself still refuses.
  - name: second-service
    script: kubectl expose deployment api --name=api-fixed --port=80 --target-port=80
    mustFail: [client-reaches-api]
`;
}

const API_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
  ports:
  - port: 80
    targetPort: 8080
---
apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  containers:
  - name: shell
    image: busybox
    command: ["sleep", "infinity"]
`;

const STEP_TEXT = `The team behind \`api\` moved their nginx image back to its default port last week, and since this
morning every request from the rest of the cluster to \`api\` is refused. The pods are Running and
Ready, the Service still exists and still has its ClusterIP, and nobody changed the clients. Your
job is to find where the connection dies and fix the one object that is wrong, so that \`client\`
reaches \`api\` on port 80 again without any change to the clients or to how they address the
Service.

\`\`\`sh run
trace pod/client svc/api:80
\`\`\`

The Service and the Deployment came from \`/lab/api.yaml\`: edit it (\`vi /lab/api.yaml\`, or \`sed\`)
and apply it again.
`;
