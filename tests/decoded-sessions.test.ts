import { describe, expect, it } from "vitest";
import { decodedSessions } from "@/lib/auth/decoded-sessions";

function counting(sid: unknown) {
  let calls = 0;
  return {
    decode: async () => {
      calls++;
      return sid;
    },
    calls: () => calls,
  };
}

describe("decoded session cookies", () => {
  it("decodes a cookie once while it is fresh, and again once its entry has lived its time", async () => {
    let clock = 0;
    const sessions = decodedSessions({ ttlMs: 1_000, now: () => clock });
    const cookie = counting("a2b1c0d9-0000-4000-8000-000000000001");
    expect(await sessions.sid("authjs.session-token=one", cookie.decode)).toBe("a2b1c0d9-0000-4000-8000-000000000001");
    clock = 999;
    expect(await sessions.sid("authjs.session-token=one", cookie.decode)).toBe("a2b1c0d9-0000-4000-8000-000000000001");
    expect(cookie.calls()).toBe(1);
    clock = 1_000;
    await sessions.sid("authjs.session-token=one", cookie.decode);
    expect(cookie.calls()).toBe(2);
  });

  it("keys on the whole cookie: another cookie is decoded for itself", async () => {
    const sessions = decodedSessions();
    const first = counting("first");
    const second = counting("second");
    expect(await sessions.sid("authjs.session-token=one", first.decode)).toBe("first");
    expect(await sessions.sid("authjs.session-token=two", second.decode)).toBe("second");
    expect(await sessions.sid("authjs.session-token=one", second.decode)).toBe("first");
    expect(second.calls()).toBe(1);
  });

  it("keeps no cookie that carries no session, so made-up cookies are decoded every time and fill nothing", async () => {
    const sessions = decodedSessions({ max: 1 });
    const valid = counting("valid");
    await sessions.sid("authjs.session-token=valid", valid.decode);
    const garbage = counting(undefined);
    for (let i = 0; i < 3; i++) expect(await sessions.sid(`authjs.session-token=garbage`, garbage.decode)).toBeUndefined();
    expect(garbage.calls()).toBe(3);
    await sessions.sid("authjs.session-token=valid", valid.decode);
    expect(valid.calls()).toBe(1);
  });

  it("holds at most `max` cookies, forgetting the oldest", async () => {
    const sessions = decodedSessions({ max: 2 });
    const a = counting("a");
    await sessions.sid("a", a.decode);
    await sessions.sid("b", counting("b").decode);
    await sessions.sid("c", counting("c").decode);
    await sessions.sid("a", a.decode);
    expect(a.calls()).toBe(2);
  });
});
