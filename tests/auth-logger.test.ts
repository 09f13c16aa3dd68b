import { CredentialsSignin } from "@auth/core/errors";
import { afterEach, describe, expect, it, vi } from "vitest";
import { authLogger } from "@/lib/auth/logger";

describe("the server log of sign-in", () => {
  afterEach(() => vi.restoreAllMocks());

  it("writes a refused login as one line, without a stack", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    authLogger.error(new CredentialsSignin());
    expect(error).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toBe("[auth] sign-in refused (CredentialsSignin)");
  });

  it("keeps any other error whole", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const failure = new Error("base injoignable");
    authLogger.error(failure);
    expect(error).toHaveBeenCalledWith(failure);
  });
});
