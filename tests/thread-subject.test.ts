import { describe, expect, it } from "vitest";
import { threadSubject } from "@/lib/mail/thread-subject";

describe("a thread's title", () => {
  it("is not renamed by the read receipt that arrived last", () => {
    expect(
      threadSubject([
        { subject: "Convocation", reportFor: null },
        { subject: "Accusé de lecture : Convocation", reportFor: "<m1@ch-troispics.mssante.fr>" },
      ]),
    ).toBe("Convocation");
  });

  it("follows the latest message otherwise, and a receipt alone keeps its own subject", () => {
    expect(
      threadSubject([
        { subject: "Convocation", reportFor: null },
        { subject: "RE: Convocation", reportFor: null },
      ]),
    ).toBe("RE: Convocation");
    expect(threadSubject([{ subject: "Accusé de lecture : Bilan", reportFor: "<m2@x.mssante.fr>" }])).toBe("Accusé de lecture : Bilan");
    expect(threadSubject([])).toBe("");
  });
});
