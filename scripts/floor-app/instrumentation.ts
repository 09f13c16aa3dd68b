// The floor runs none of the project's workers. Without a file of its own here, Turbopack takes the project's
// instrumentation.ts (it resolves it from the workspace root), which starts the SMTP server and the queues.
export function register() {}
