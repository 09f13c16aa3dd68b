/**
 * Node's memory settings for the web server, as `npm start`, the benchmarks and the multi-instance tests
 * launch it. V8 sizes its heap for the machine (24 GB here): an instance on PostgreSQL grew to 420–450 MB
 * resident under the bench. A 4 MB young generation (16 by default) and an old space bounded at 384 MB keep
 * it near 300 MB (289–305 MB measured, against 420–450) at the same throughput.
 */
export const INSTANCE_NODE_OPTIONS = "--max-semi-space-size=4 --max-old-space-size=384";

/**
 * Those settings on PostgreSQL. Not for the embedded PGlite, which runs inside the same process: bounded so, it
 * died on a 12 MB upload. NODE_OPTIONS given by the operator is kept as it is.
 */
export function serverNodeOptions(env: Record<string, string | undefined> = process.env) {
  return env.NODE_OPTIONS ?? (env.DATABASE_URL ? INSTANCE_NODE_OPTIONS : "");
}

/** What the balancer compresses in front of instances run with HTTP_COMPRESSION=off (docs/deploy.md): HAProxy lines. */
export const BALANCER_COMPRESSION = `  compression algo gzip
  compression type text/html text/x-component text/plain text/css text/javascript application/javascript application/json`;
