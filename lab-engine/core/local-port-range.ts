// net.ipv4.ip_local_port_range's default, 32768–60999 (inet_init_net in net/ipv4/af_inet.c): the
// ports a network namespace's own sockets bind from when they ask for none. A pod's netns keeps
// it (its /proc/sys is read-only); a node's value is in the node's sysctl store
// (dataplane/packet/node-sysctls.ts), which starts from this one. Defined once here, for the
// store and for every model of a pod socket's source port.

export const LOCAL_PORT_RANGE_LOW = 32_768;
export const LOCAL_PORT_RANGE_HIGH = 60_999;
/** How many ports the default range holds. */
export const LOCAL_PORT_RANGE_COUNT = LOCAL_PORT_RANGE_HIGH - LOCAL_PORT_RANGE_LOW + 1;
