import type { NextConfig } from "next";
import { limits } from "./lib/mail/limits";

const nextConfig: NextConfig = {
  // PGlite loads its wasm and data files from its own folder at run time; the mail servers and the queue are plain Node packages, loaded as they are.
  serverExternalPackages: ["@electric-sql/pglite", "smtp-server", "pg-boss", "selfsigned"],
  poweredByHeader: false,
  // proxy.ts sees the request as sent, router headers included: a move to a message from its folder's list then
  // skips rendering the list the browser keeps (lib/http/kept-list.ts). It rewrites and redirects nothing.
  skipProxyUrlNormalize: true,
  // Responses are gzipped here unless a balancer in front does it (HTTP_COMPRESSION=off, docs/deploy.md): in Node,
  // each streamed chunk of a page is a zlib job on the thread pool and a flush of its own. Read at `next start`.
  compress: process.env.HTTP_COMPRESSION !== "off",
  // proxy.ts refuses a larger form post first, in French; Next's own refusal would be a 500. Its buffer for proxy.ts
  // (proxyClientMaxBodySize, 10 MB) is above this, and uploads bypass proxy.ts (its matcher).
  experimental: {
    serverActions: { bodySizeLimit: limits.form },
    // A route's code is loaded when it is first asked for, not every route at start: the administration
    // pages most instances never serve cost ~40 MB of resident memory otherwise (npm run bench: peak 309.6 → 263.1 MB).
    preloadEntriesOnStart: false,
  },
  // Security headers and the refusal of unreadable or foreign form posts are in proxy.ts, with a nonce per request.
};

export default nextConfig;
