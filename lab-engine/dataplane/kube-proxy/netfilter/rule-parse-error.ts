// A rule iptables would refuse, with iptables' own message ("Bad argument `x'", "unknown option
// \"--foo\""). Thrown by the rule parser and its match extensions; iptables-restore and the
// iptables command report it to the learner.

export class RuleParseError extends Error {}
