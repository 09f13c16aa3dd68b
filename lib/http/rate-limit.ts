import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { Actor } from "@/lib/auth/actor";

const perMinute = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

// Kept in this process: one instance serves the API today (a shared store comes with running several).
const limiters = {
  token: new RateLimiterMemory({ points: perMinute(process.env.API_RATE_PER_MINUTE, 3000), duration: 60 }),
  person: new RateLimiterMemory({ points: perMinute(process.env.API_SESSION_RATE_PER_MINUTE, 1200), duration: 60 }),
};

/** Counts a request of this actor: null while within its limit, else the seconds to wait before the next one. */
export async function overLimit(actor: Actor): Promise<number | null> {
  const [limiter, key] = actor.type === "token" ? [limiters.token, actor.tokenId] : [limiters.person, actor.userId];
  try {
    await limiter.consume(key);
    return null;
  } catch (rejected) {
    if (rejected instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejected.msBeforeNext / 1000));
    throw rejected;
  }
}
