import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its wasm and data files from its own folder at run time.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  // Above our own body limit (lib/mail/limits.ts), so an oversized message gets our French error, not the framework's.
  experimental: { serverActions: { bodySizeLimit: "5mb" } },
  // Security headers are set by proxy.ts, with a nonce per request.
};

export default nextConfig;
