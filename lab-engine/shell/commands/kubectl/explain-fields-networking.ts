// `kubectl explain` text for networking.k8s.io/v1 (NetworkPolicy, Ingress) and
// discovery.k8s.io/v1 (EndpointSlice), as the OpenAPI schema words it. Types not listed here
// (LabelSelector, IPBlock, IngressBackend, IngressRule, IngressTLS, IngressStatus,
// EndpointHints, ObjectReference...) are not modelled yet.

import { APP_PROTOCOL } from './explain-fields-core';
import { API_VERSION_FIELD, KIND_FIELD, METADATA_FIELD, type TypeTable } from './explain-schema';

const SPEC_AND_STATUS = 'https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status';

export const NETWORKING_TYPES: TypeTable = {
  NetworkPolicy: {
    description: 'NetworkPolicy describes what network traffic is allowed for a set of Pods',
    fields: [API_VERSION_FIELD, KIND_FIELD, METADATA_FIELD, { name: 'spec', type: 'NetworkPolicySpec', ref: 'NetworkPolicySpec', description: 'spec represents the specification of the desired behavior for this NetworkPolicy.' }],
  },
  NetworkPolicySpec: {
    description: 'NetworkPolicySpec provides the specification of a NetworkPolicy',
    fields: [
      { name: 'egress', type: '[]NetworkPolicyEgressRule', ref: 'NetworkPolicyEgressRule', description: 'egress is a list of egress rules to be applied to the selected pods. Outgoing traffic is allowed if there are no NetworkPolicies selecting the pod (and cluster policy otherwise allows the traffic), OR if the traffic matches at least one egress rule across all of the NetworkPolicy objects whose podSelector matches the pod. If this field is empty then this NetworkPolicy limits all outgoing traffic (and serves solely to ensure that the pods it selects are isolated by default). This field is beta-level in 1.8' },
      { name: 'ingress', type: '[]NetworkPolicyIngressRule', ref: 'NetworkPolicyIngressRule', description: "ingress is a list of ingress rules to be applied to the selected pods. Traffic is allowed to a pod if there are no NetworkPolicies selecting the pod (and cluster policy otherwise allows the traffic), OR if the traffic source is the pod's local node, OR if the traffic matches at least one ingress rule across all of the NetworkPolicy objects whose podSelector matches the pod. If this field is empty then this NetworkPolicy does not allow any traffic (and serves solely to ensure that the pods it selects are isolated by default)" },
      { name: 'podSelector', type: 'LabelSelector', ref: 'LabelSelector', description: "podSelector selects the pods to which this NetworkPolicy object applies. The array of rules is applied to any pods selected by this field. An empty selector matches all pods in the policy's namespace. Multiple network policies can select the same set of pods. In this case, the ingress rules for each are combined additively. This field is optional. If it is not specified, it defaults to an empty selector." },
      { name: 'policyTypes', type: '[]string', description: 'policyTypes is a list of rule types that the NetworkPolicy relates to. Valid options are ["Ingress"], ["Egress"], or ["Ingress", "Egress"]. If this field is not specified, it will default based on the existence of ingress or egress rules; policies that contain an egress section are assumed to affect egress, and all policies (whether or not they contain an ingress section) are assumed to affect ingress. If you want to write an egress-only policy, you must explicitly specify policyTypes [ "Egress" ]. Likewise, if you want to write a policy that specifies that no egress is allowed, you must specify a policyTypes value that include "Egress" (since such a policy would not include an egress section and would otherwise default to just [ "Ingress" ]). This field is beta-level in 1.8' },
    ],
  },
  NetworkPolicyIngressRule: {
    description: "NetworkPolicyIngressRule describes a particular set of traffic that is allowed to the pods matched by a NetworkPolicySpec's podSelector. The traffic must match both ports and from.",
    fields: [
      { name: 'from', type: '[]NetworkPolicyPeer', ref: 'NetworkPolicyPeer', description: 'from is a list of sources which should be able to access the pods selected for this rule. Items in this list are combined using a logical OR operation. If this field is empty or missing, this rule matches all sources (traffic not restricted by source). If this field is present and contains at least one item, this rule allows traffic only if the traffic matches at least one item in the from list.' },
      { name: 'ports', type: '[]NetworkPolicyPort', ref: 'NetworkPolicyPort', description: 'ports is a list of ports which should be made accessible on the pods selected for this rule. Each item in this list is combined using a logical OR. If this field is empty or missing, this rule matches all ports (traffic not restricted by port). If this field is present and contains at least one item, then this rule allows traffic only if the traffic matches at least one port in the list.' },
    ],
  },
  NetworkPolicyEgressRule: {
    description: "NetworkPolicyEgressRule describes a particular set of traffic that is allowed out of pods matched by a NetworkPolicySpec's podSelector. The traffic must match both ports and to. This type is beta-level in 1.8",
    fields: [
      { name: 'ports', type: '[]NetworkPolicyPort', ref: 'NetworkPolicyPort', description: 'ports is a list of destination ports for outgoing traffic. Each item in this list is combined using a logical OR. If this field is empty or missing, this rule matches all ports (traffic not restricted by port). If this field is present and contains at least one item, then this rule allows traffic only if the traffic matches at least one port in the list.' },
      { name: 'to', type: '[]NetworkPolicyPeer', ref: 'NetworkPolicyPeer', description: 'to is a list of destinations for outgoing traffic of pods selected for this rule. Items in this list are combined using a logical OR operation. If this field is empty or missing, this rule matches all destinations (traffic not restricted by destination). If this field is present and contains at least one item, this rule allows traffic only if the traffic matches at least one item in the to list.' },
    ],
  },
  NetworkPolicyPeer: {
    description: 'NetworkPolicyPeer describes a peer to allow traffic to/from. Only certain combinations of fields are allowed',
    fields: [
      { name: 'ipBlock', type: 'IPBlock', ref: 'IPBlock', description: 'ipBlock defines policy on a particular IPBlock. If this field is set then neither of the other fields can be.' },
      { name: 'namespaceSelector', type: 'LabelSelector', ref: 'LabelSelector', description: 'namespaceSelector selects namespaces using cluster-scoped labels. This field follows standard label selector semantics; if present but empty, it selects all namespaces.\n\nIf podSelector is also set, then the NetworkPolicyPeer as a whole selects the pods matching podSelector in the namespaces selected by namespaceSelector. Otherwise it selects all pods in the namespaces selected by namespaceSelector.' },
      { name: 'podSelector', type: 'LabelSelector', ref: 'LabelSelector', description: "podSelector is a label selector which selects pods. This field follows standard label selector semantics; if present but empty, it selects all pods.\n\nIf namespaceSelector is also set, then the NetworkPolicyPeer as a whole selects the pods matching podSelector in the Namespaces selected by NamespaceSelector. Otherwise it selects the pods matching podSelector in the policy's own namespace." },
    ],
  },
  NetworkPolicyPort: {
    description: 'NetworkPolicyPort describes a port to allow traffic on',
    fields: [
      { name: 'endPort', type: 'integer', description: 'endPort indicates that the range of ports from port to endPort if set, inclusive, should be allowed by the policy. This field cannot be defined if the port field is not defined or if the port field is defined as a named (string) port. The endPort must be equal or greater than port.' },
      { name: 'port', type: 'IntOrString', ref: 'IntOrString', description: 'port represents the port on the given protocol. This can either be a numerical or named port on a pod. If this field is not provided, this matches all port names and numbers. If present, only traffic on the specified protocol AND port will be matched.' },
      { name: 'protocol', type: 'string', description: 'protocol represents the protocol (TCP, UDP, or SCTP) which traffic must match. If not specified, this field defaults to TCP.' },
    ],
  },
  Ingress: {
    description: 'Ingress is a collection of rules that allow inbound connections to reach the endpoints defined by a backend. An Ingress can be configured to give services externally-reachable urls, load balance traffic, terminate SSL, offer name based virtual hosting etc.',
    fields: [
      API_VERSION_FIELD,
      KIND_FIELD,
      METADATA_FIELD,
      { name: 'spec', type: 'IngressSpec', ref: 'IngressSpec', description: `spec is the desired state of the Ingress. More info: ${SPEC_AND_STATUS}` },
      { name: 'status', type: 'IngressStatus', ref: 'IngressStatus', description: `status is the current state of the Ingress. More info: ${SPEC_AND_STATUS}` },
    ],
  },
  IngressSpec: {
    description: 'IngressSpec describes the Ingress the user wishes to exist.',
    fields: [
      { name: 'defaultBackend', type: 'IngressBackend', ref: 'IngressBackend', description: "defaultBackend is the backend that should handle requests that don't match any rule. If Rules are not specified, DefaultBackend must be specified. If DefaultBackend is not set, the handling of requests that do not match any of the rules will be up to the Ingress controller." },
      { name: 'ingressClassName', type: 'string', description: 'ingressClassName is the name of an IngressClass cluster resource. Ingress controller implementations use this field to know whether they should be serving this Ingress resource, by a transitive connection (controller -> IngressClass -> Ingress resource). Although the `kubernetes.io/ingress.class` annotation (simple constant name) was never formally defined, it was widely supported by Ingress controllers to create a direct binding between Ingress controller and Ingress resources. Newly created Ingress resources should prefer using the field. However, even though the annotation is officially deprecated, for backwards compatibility reasons, ingress controllers should still honor that annotation if present.' },
      { name: 'rules', type: '[]IngressRule', ref: 'IngressRule', description: 'rules is a list of host rules used to configure the Ingress. If unspecified, or no rule matches, all traffic is sent to the default backend.' },
      { name: 'tls', type: '[]IngressTLS', ref: 'IngressTLS', description: 'tls represents the TLS configuration. Currently the Ingress only supports a single TLS port, 443. If multiple members of this list specify different hosts, they will be multiplexed on the same port according to the hostname specified through the SNI TLS extension, if the ingress controller fulfilling the ingress supports SNI.' },
    ],
  },
  HTTPIngressPath: {
    description: 'HTTPIngressPath associates a path with a backend. Incoming urls matching the path are forwarded to the backend.',
    fields: [
      { name: 'backend', type: 'IngressBackend', ref: 'IngressBackend', required: true, description: 'backend defines the referenced service endpoint to which the traffic will be forwarded to.' },
      { name: 'path', type: 'string', description: 'path is matched against the path of an incoming request. Currently it can contain characters disallowed from the conventional "path" part of a URL as defined by RFC 3986. Paths must begin with a \'/\' and must be present when using PathType with value "Exact" or "Prefix".' },
      { name: 'pathType', type: 'string', required: true, description: "pathType determines the interpretation of the path matching. PathType can be one of the following values: * Exact: Matches the URL path exactly. * Prefix: Matches based on a URL path prefix split by '/'. Matching is\n  done on a path element by element basis. A path element refers is the\n  list of labels in the path split by the '/' separator. A request is a\n  match for path p if every p is an element-wise prefix of p of the\n  request path. Note that if the last element of the path is a substring\n  of the last element in request path, it is not a match (e.g. /foo/bar\n  matches /foo/bar/baz, but does not match /foo/barbaz).\n* ImplementationSpecific: Interpretation of the Path matching is up to\n  the IngressClass. Implementations can treat this as a separate PathType\n  or treat it identically to Prefix or Exact path types.\nImplementations are required to support all path types." },
    ],
  },
  IngressClass: {
    description:
      'IngressClass represents the class of the Ingress, referenced by the Ingress Spec. The `ingressclass.kubernetes.io/is-default-class` annotation can be used to indicate that an IngressClass should be considered default. When a single IngressClass resource has this annotation set to true, new Ingress resources without a class specified will be assigned this default class.',
    fields: [
      API_VERSION_FIELD,
      KIND_FIELD,
      METADATA_FIELD,
      { name: 'spec', type: 'IngressClassSpec', ref: 'IngressClassSpec', description: `spec is the desired state of the IngressClass. More info: ${SPEC_AND_STATUS}` },
    ],
  },
  IngressClassSpec: {
    description: 'IngressClassSpec provides information about the class of an Ingress.',
    fields: [
      {
        name: 'controller',
        type: 'string',
        description:
          'controller refers to the name of the controller that should handle this class. This allows for different "flavors" that are controlled by the same controller. For example, you may have different parameters for the same implementing controller. This should be specified as a domain-prefixed path no more than 250 characters in length, e.g. "acme.io/ingress-controller". This field is immutable.',
      },
      {
        name: 'parameters',
        type: 'IngressClassParametersReference',
        ref: 'IngressClassParametersReference',
        description: 'parameters is a link to a custom resource containing additional configuration for the controller. This is optional if the controller does not require extra parameters.',
      },
    ],
  },
  EndpointSlice: {
    description: "EndpointSlice represents a set of service endpoints. Most EndpointSlices are created by the EndpointSlice controller to represent the Pods selected by Service objects. For a given service there may be multiple EndpointSlice objects which must be joined to produce the full set of endpoints; you can find all of the slices for a given service by listing EndpointSlices in the service's namespace whose `kubernetes.io/service-name` label contains the service's name.",
    fields: [
      { name: 'addressType', type: 'string', required: true, description: 'addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type. This field is immutable after creation. The following address types are currently supported: * IPv4: Represents an IPv4 Address. * IPv6: Represents an IPv6 Address. * FQDN: Represents a Fully Qualified Domain Name. (Deprecated) The EndpointSlice controller only generates, and kube-proxy only processes, slices of addressType "IPv4" and "IPv6". No semantics are defined for the "FQDN" type.' },
      API_VERSION_FIELD,
      { name: 'endpoints', type: '[]Endpoint', ref: 'Endpoint', required: true, description: 'endpoints is a list of unique endpoints in this slice. Each slice may include a maximum of 1000 endpoints.' },
      KIND_FIELD,
      { ...METADATA_FIELD, description: "Standard object's metadata." },
      { name: 'ports', type: '[]EndpointPort', ref: 'EndpointPort', description: 'ports specifies the list of network ports exposed by each endpoint in this slice. Each port must have a unique name. Each slice may include a maximum of 100 ports. Services always have at least 1 port, so EndpointSlices generated by the EndpointSlice controller will likewise always have at least 1 port. EndpointSlices used for other purposes may have an empty ports list.' },
    ],
  },
  Endpoint: {
    description: 'Endpoint represents a single logical "backend" implementing a service.',
    fields: [
      { name: 'addresses', type: '[]string', required: true, description: 'addresses of this endpoint. For EndpointSlices of addressType "IPv4" or "IPv6", the values are IP addresses in canonical form. The syntax and semantics of other addressType values are not defined. This must contain at least one address but no more than 100. EndpointSlices generated by the EndpointSlice controller will always have exactly 1 address. No semantics are defined for additional addresses beyond the first, and kube-proxy does not look at them.' },
      { name: 'conditions', type: 'EndpointConditions', ref: 'EndpointConditions', description: 'conditions contains information about the current status of the endpoint.' },
      { name: 'deprecatedTopology', type: 'map[string]string', description: 'deprecatedTopology contains topology information part of the v1beta1 API. This field is deprecated, and will be removed when the v1beta1 API is removed (no sooner than kubernetes v1.24).  While this field can hold values, it is not writable through the v1 API, and any attempts to write to it will be silently ignored. Topology information can be found in the zone and nodeName fields instead.' },
      { name: 'hints', type: 'EndpointHints', ref: 'EndpointHints', description: 'hints contains information associated with how an endpoint should be consumed.' },
      { name: 'hostname', type: 'string', description: 'hostname of this endpoint. This field may be used by consumers of endpoints to distinguish endpoints from each other (e.g. in DNS names). Multiple endpoints which use the same hostname should be considered fungible (e.g. multiple A values in DNS). Must be lowercase and pass DNS Label (RFC 1123) validation.' },
      { name: 'nodeName', type: 'string', description: 'nodeName represents the name of the Node hosting this endpoint. This can be used to determine endpoints local to a Node.' },
      { name: 'targetRef', type: 'ObjectReference', ref: 'ObjectReference', description: 'targetRef is a reference to a Kubernetes object that represents this endpoint.' },
      { name: 'zone', type: 'string', description: 'zone is the name of the Zone this endpoint exists in.' },
    ],
  },
  EndpointConditions: {
    description: 'EndpointConditions represents the current condition of an endpoint.',
    fields: [
      { name: 'ready', type: 'boolean', description: 'ready indicates that this endpoint is ready to receive traffic, according to whatever system is managing the endpoint. A nil value should be interpreted as "true". In general, an endpoint should be marked ready if it is serving and not terminating, though this can be overridden in some cases, such as when the associated Service has set the publishNotReadyAddresses flag.' },
      { name: 'serving', type: 'boolean', description: 'serving indicates that this endpoint is able to receive traffic, according to whatever system is managing the endpoint. For endpoints backed by pods, the EndpointSlice controller will mark the endpoint as serving if the pod\'s Ready condition is True. A nil value should be interpreted as "true".' },
      { name: 'terminating', type: 'boolean', description: 'terminating indicates that this endpoint is terminating. A nil value should be interpreted as "false".' },
    ],
  },
  EndpointPort: {
    description: 'EndpointPort represents a Port used by an EndpointSlice',
    fields: [
      { name: 'appProtocol', type: 'string', description: APP_PROTOCOL },
      { name: 'name', type: 'string', description: "name represents the name of this port. All ports in an EndpointSlice must have a unique name. If the EndpointSlice is derived from a Kubernetes service, this corresponds to the Service.ports[].name. Name must either be an empty string or pass DNS_LABEL validation: * must be no more than 63 characters long. * must consist of lower case alphanumeric characters or '-'. * must start and end with an alphanumeric character. Default is empty string." },
      { name: 'port', type: 'integer', description: "port represents the port number of the endpoint. If the EndpointSlice is derived from a Kubernetes service, this must be set to the service's target port. EndpointSlices used for other purposes may have a nil port." },
      { name: 'protocol', type: 'string', description: 'protocol represents the IP protocol for this port. Must be UDP, TCP, or SCTP. Default is TCP.' },
    ],
  },
};
