/**
 * Node's memory settings for the web server, as `npm start` and the benchmarks launch it. V8 sizes its heap
 * for the machine (24 GB here): an instance grew to 420 MB resident under the bench. A 4 MB young
 * generation (16 by default) and an old space bounded at 384 MB keep it near 270 MB with the same
 * throughput. NODE_OPTIONS given by the operator is kept as it is.
 */
export function serverNodeOptions(env: Record<string, string | undefined> = process.env) {
  return env.NODE_OPTIONS ?? "--max-semi-space-size=4 --max-old-space-size=384";
}
