import { AsyncLocalStorage } from "node:async_hooks";
import type { RequestMeta } from "@/lib/audit/write";

/**
 * The request Auth.js is handling, for its callbacks and logger, which are not handed one: who asked (for
 * the audit row of a Pro Santé Connect login) and the error Auth.js caught, if any.
 */
type AuthRequest = { meta: RequestMeta; error?: unknown };
const current = new AsyncLocalStorage<AuthRequest>();

export const authRequest = () => current.getStore();

export function withAuthRequest<T>(meta: RequestMeta, run: (request: AuthRequest) => Promise<T>): Promise<T> {
  const request: AuthRequest = { meta };
  return current.run(request, () => run(request));
}
