import type { ErrorCode } from "@/lib/errors";

/** What a refused /api/ answer carries (lib/http/problem.ts), as a page's script reads it. */
export type Problem = { code: ErrorCode; detail: string; errors?: Record<string, string[] | undefined> };

/** The problem in a refused answer's body, or null when it holds none (a dropped connection, another server's page). */
export function readProblem(body: string): Problem | null {
  try {
    const parsed: unknown = JSON.parse(body);
    const { code, detail } = (parsed ?? {}) as Partial<Problem>;
    return typeof code === "string" && typeof detail === "string" ? (parsed as Problem) : null;
  } catch {
    return null;
  }
}
