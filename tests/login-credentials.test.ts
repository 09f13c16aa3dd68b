import { describe, expect, it } from "vitest";
import { CREDENTIAL_LIMITS, readCredentials } from "@/lib/auth/credentials";

describe("what the login form may carry", () => {
  it("takes a login and a password, the login trimmed", () => {
    expect(readCredentials({ login: " jean.dupont ", password: "Demo-MSSante-2026" })).toEqual({
      ok: true,
      credentials: { login: "jean.dupont", password: "Demo-MSSante-2026" },
    });
  });

  it.each([
    ["nothing", { login: null, password: null }],
    ["no login", { login: "  ", password: "secret" }],
    ["no password", { login: "jean.dupont", password: "" }],
  ])("asks for both when given %s", (_label, input) => {
    expect(readCredentials(input)).toEqual({ ok: false, error: "Saisissez votre identifiant et votre mot de passe." });
  });

  it("says a very long password is too long, not that the login is missing", () => {
    expect(readCredentials({ login: "jean.dupont", password: "a".repeat(CREDENTIAL_LIMITS.password) }).ok).toBe(true);
    expect(readCredentials({ login: "jean.dupont", password: "a".repeat(CREDENTIAL_LIMITS.password + 1) })).toEqual({
      ok: false,
      error: expect.stringMatching(/^Mot de passe trop long : 1\s000 caractères au plus\.$/),
    });
  });

  it("says a very long login is too long", () => {
    expect(readCredentials({ login: "a".repeat(CREDENTIAL_LIMITS.login + 1), password: "x" })).toEqual({
      ok: false,
      error: "Identifiant trop long : 200 caractères au plus.",
    });
  });
});
