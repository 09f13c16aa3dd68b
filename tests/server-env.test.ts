import { describe, expect, it } from "vitest";
import { serverNodeOptions } from "@/scripts/server-env";

describe("the web server's Node flags", () => {
  it("bound the heap of a server on PostgreSQL", () => {
    expect(serverNodeOptions({ DATABASE_URL: "postgres://db/mssante" })).toBe("--max-semi-space-size=4 --max-old-space-size=384");
  });

  it("leave Node's defaults to the embedded PGlite, which lives in the same heap", () => {
    expect(serverNodeOptions({})).toBe("");
  });

  it("keep what the operator gave, even empty", () => {
    expect(serverNodeOptions({ DATABASE_URL: "postgres://db/mssante", NODE_OPTIONS: "--max-old-space-size=1024" })).toBe(
      "--max-old-space-size=1024",
    );
    expect(serverNodeOptions({ DATABASE_URL: "postgres://db/mssante", NODE_OPTIONS: "" })).toBe("");
  });
});
