import { randomUUID } from "node:crypto";
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import proxyaddr from "@fastify/proxy-addr";

/** Headers a proxy sets to say who the client is and which host and scheme it asked for. */
const FORWARDING = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];

/** Set on every request the guard saw, to a value drawn when it was installed: what lib/request.ts checks before believing forwarded headers. */
export const VOUCHED_HEADER = "x-mssante-forwarded";
const TOKEN = Symbol.for("mssante.forwarded-token");
type Global = typeof globalThis & { [TOKEN]?: string };

const CHANNEL = "http.server.request.start";

export type Trust = (address: string, hop: number) => boolean;

/**
 * `TRUSTED_PROXIES`: addresses and CIDR ranges, comma-separated, plus the
 * names `loopback`, `linklocal` and `uniquelocal`. Unset trusts no one.
 */
export function trustedProxies(value: string | undefined): Trust {
  const entries = (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return () => false;
  try {
    return proxyaddr.compile(entries);
  } catch (error) {
    throw new Error(`TRUSTED_PROXIES : ${(error as Error).message} (adresses ou plages CIDR séparées par des virgules)`);
  }
}

/**
 * Make the forwarding headers say only what can be believed: from a trusted
 * proxy, X-Forwarded-For becomes the client it reports (the first address,
 * walking back from the socket, that is not itself a trusted proxy) and its
 * host and scheme stay; from anyone else they are removed, so Next fills them
 * in from the socket and the Host header.
 */
export function guardForwarding(
  request: Pick<IncomingMessage, "headers">,
  socket: Pick<Socket, "remoteAddress">,
  trust: Trust,
  token: string,
) {
  const headers = request.headers;
  const peer = socket.remoteAddress;
  try {
    if (peer && trust(peer, 0)) {
      const client = proxyaddr({ headers, socket } as IncomingMessage, trust);
      for (const name of FORWARDING) if (name !== "x-forwarded-host" && name !== "x-forwarded-proto") delete headers[name];
      headers["x-forwarded-for"] = client;
    } else {
      for (const name of FORWARDING) delete headers[name];
      if (peer) headers["x-forwarded-for"] = peer;
    }
  } catch {
    // Never believe a header the guard could not read.
    for (const name of FORWARDING) delete headers[name];
  }
  headers[VOUCHED_HEADER] = token;
}

/**
 * Runs the guard on every request the process receives, before Next sees it
 * (Node publishes `http.server.request.start` ahead of the request event).
 * Called from instrumentation.ts; a request that arrived before (the server
 * listens before it has loaded the app) carries no token and its forwarded
 * headers are ignored. Returns what uninstalls it.
 */
export function installForwardingGuard(trustedProxiesSetting: string | undefined) {
  const trust = trustedProxies(trustedProxiesSetting);
  const token = randomUUID();
  (globalThis as Global)[TOKEN] = token;
  const onRequest = (message: unknown) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    guardForwarding(request, socket, trust, token);
  };
  subscribe(CHANNEL, onRequest);
  return () => unsubscribe(CHANNEL, onRequest);
}

/** Whether the guard of this process saw the request these headers belong to. */
export function vouched(h: { get(name: string): string | null }): boolean {
  const token = (globalThis as Global)[TOKEN];
  return Boolean(token) && h.get(VOUCHED_HEADER) === token;
}
