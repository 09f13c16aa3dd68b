import { readFileSync } from "node:fs";
import { Agent, fetch as undiciFetch } from "undici";
import type { PscSettings } from "./psc-settings";

/** The token call with the structure's client certificate (mutual TLS), when one is configured. */
export function tokenFetch(settings: PscSettings): typeof fetch {
  if (!settings.clientCertificate) return fetch;
  const dispatcher = new Agent({
    connect: {
      cert: readFileSync(settings.clientCertificate.cert),
      key: readFileSync(settings.clientCertificate.key),
      ...(settings.tokenCa ? { ca: readFileSync(settings.tokenCa) } : {}),
    },
  });
  return ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    undiciFetch(input as string, { ...(init as object), dispatcher })) as unknown as typeof fetch;
}
