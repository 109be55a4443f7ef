// Everything Flatnet knows of one container image, declared in one file per image
// (images/<image>.ts) and listed once in images/index.ts: its registry entry, what its default
// command does, what a shell in it finds, the sockets its program opens, and its named
// behaviours (how it answers HTTP, what it logs when it starts and per request, programs it
// builds itself). Behaviour only one image has is written in its profile; behaviour several
// share (nginx's default server, the pod page of an unknown image) lives in its own module in
// dataplane/apps/ and the profile names it. The modules that act on a container (listeners,
// http-server, startup-logs, access-log, the shell's toolsets and userland) read the profile of
// its image and nothing else; an image without a profile behaves generically.

import type { ImageInfo } from '../../cluster/images';
import type { Container, Pod } from '../../kube/types';
import type { ImageFilesystem } from './filesystems';
import type { OutboundClient } from './outbound-client';
import type { HttpExchange, HttpRequest, HttpResponse } from './http-types';

export interface ImageProfile {
  /** Fully qualified, as containerd normalises them; an image published under several paths (hello-app) lists each. */
  readonly repositories: readonly [string, ...string[]];
  /** The simulated registry's entry for each repository: tags, pull and stop time, size. */
  readonly registry: RegistryEntry;
  /** What its entrypoint does when the pod gives no command and no tty. */
  readonly defaultCommand: DefaultCommand;
  /** What `kubectl exec` finds in it; absent for scratch and distroless images (nothing to run). */
  readonly filesystem?: ImageFilesystem;
  /** Tags built on another base (nginx's `-alpine` tags) and what a shell finds in those. */
  readonly tagVariants?: readonly TagVariant[];
  /** The sockets its program opens; absent: only the containerPorts the pod declares. */
  readonly listeners?: Listeners;
  /** How long its program takes from the container's start to listening (a JVM warming up); absent: at once. */
  readonly startupMs?: number;
  /** What it is to the cluster's DNS: CoreDNS (answers on 53), or NodeLocal DNSCache's node-cache (answers on its `-localip` on the node); absent: neither. */
  readonly dns?: 'server' | 'node-cache';
  /** How its program answers an HTTP request; absent: a page naming the pod (http-server.ts). */
  readonly http?: HttpResponder;
  /** What it writes when it starts; absent: what an `echo` command prints (startup-logs.ts). */
  readonly startupLog?: StartupLog;
  /** What it writes for each HTTP request it answers; absent: nothing. */
  readonly accessLog?: AccessLog;
  /** The external API its program calls at a steady rate, read from the container (apps/outbound-client.ts). */
  readonly outbound?: (container: Container) => OutboundClient | undefined;
  /** Programs it builds itself rather than taking its userland's. */
  readonly builds?: ProgramBuilds;
  /** What its image config runs, as ps shows the process: an ENTRYPOINT takes the pod's args after it, a CMD is replaced by them. */
  readonly process?: { entrypoint: string } | { cmd: string };
  /** Behaviour that changed between releases, oldest first: the first row whose `before` is newer than the tag applies. */
  readonly versioned?: readonly VersionedBehaviour[];
}

/**
 * What one range of an image's releases does differently from its newest ones. Tags compare as
 * dotted numbers (`1.28.4` < `1.29`); a tag that is not a version (`latest`, `musl`) is the newest.
 */
export interface VersionedBehaviour {
  /** The first release that no longer behaves so. */
  before: string;
  behaviour: TagBehaviour;
}

export interface TagBehaviour {
  /**
   * BusyBox's nslookup: `libc` before 1.29 (getaddrinfo through resolv.conf's search list, the old
   * `Address 1: <ip> <reverse name>` format, `nslookup: can't resolve '<name>'`); absent, its own
   * resolver (1.29 on: every search domain asked at once, `Address: <ip>`).
   */
  nslookup?: 'libc';
}

/** The cluster's registry entry (cluster/images.ts) less what the profile says elsewhere. */
export type RegistryEntry = Omit<ImageInfo, 'repository' | 'defaultExitCode'>;

export type DefaultCommand =
  /** A server: runs until stopped. */
  | { kind: 'serves' }
  /** A shell reading stdin: without a tty it exits 0 at once, `kubectl run -it` opens it. */
  | { kind: 'shell' }
  /** A tool that exits at once with this code (curl without a URL: 2). */
  | { kind: 'exits'; code: number };

export interface TagVariant {
  /** A tag containing this word is the variant. */
  tagContains: string;
  filesystem: ImageFilesystem;
}

export type SocketProtocol = 'tcp' | 'udp';

export type Listeners =
  /** One program, always the same sockets. */
  | {
      kind: 'fixed';
      /** The process name ss shows. */
      process: string;
      sockets: readonly SocketSpec[];
      /** A command of the pod's own replaces the server (nginx): only the declared ports are open. */
      commandReplacesServer?: boolean;
      holding?: SocketHolding;
    }
  /** A multi-call binary (agnhost): the first word after the program picks the sockets; any other word opens only the declared ports. */
  | { kind: 'subcommand'; process: string; subcommands: Readonly<Record<string, readonly SocketSpec[]>> };

export interface SocketSpec {
  protocol: SocketProtocol;
  /** `0.0.0.0` for an IPv4 socket; `*` for a Go server's dual-stack `:PORT`. */
  address: '0.0.0.0' | '*';
  port: PortSource;
}

export type PortSource =
  | { kind: 'fixed'; port: number }
  /** `-listen=:8080`, `--port 8080`: the flag's value (after its last colon when `hostPort`), else the default. */
  | { kind: 'flag'; flag: string; default: number; hostPort?: boolean }
  /** `$PORT` from the container's env, else the default. */
  | { kind: 'env'; name: string; default: number };

/**
 * How a program holds its listening sockets where it differs from a Go server's (backlog 4096 from
 * somaxconn, one process, one dual-stack socket): nginx's master and workers share each socket.
 */
export interface SocketHolding {
  /** The listen backlog, which ss shows as a listener's Send-Q. */
  backlog: number;
  /** PIDs of the workers beside the master (pid 1 in the container), as the program's log names them. */
  workerPids: readonly number[];
  /** The descriptor each process holds the first socket on; the IPv6 twin is the next. */
  fd: number;
  /** It also listens on [::] (IPv6 only) beside 0.0.0.0. */
  ipv6Twin: boolean;
}

/** One request reaching the container's program. */
export interface HttpServe {
  pod: Pod;
  /** The container that answers: the one declaring the port, else the first. */
  container: Container;
  /** Its command and args, as the program sees them. */
  argv: readonly string[];
  /** The image's tag. */
  tag: string;
  request: HttpRequest;
  nowMs: number;
  /** `namespace/name`, for servedBy. */
  who: string;
}

export type HttpResponder = (serve: HttpServe) => HttpExchange;

export interface StartupContext {
  container: Container;
  /** When it started, as nginx and Go's log package print it: `2025/01/02 03:04:05`. */
  stamp: string;
}

/** The lines, all written the moment the container starts. */
export type StartupLog = (start: StartupContext) => readonly string[];

/** The lines it appends to its container's log for one request, in order. */
export type AccessLog = (request: HttpRequest, response: HttpResponse, nowMs: number) => readonly string[];

export interface ProgramBuilds {
  /** curl is the image's own build, its version the image's tag; `latest` is this release. */
  curl?: { latest: string };
  /** nc is OpenBSD's netcat (with this Debian patch level), whatever the userland. */
  nc?: { variant: 'openbsd'; patchlevel: string; musl: boolean };
}
