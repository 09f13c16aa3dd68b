import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import type { Db } from "@/db/client";
import { boxMembers } from "@/db/queries/mailboxes";
import { boxSummary } from "@/db/queries/folders";
import { findMessage, listFolder, openThread, unreadCounts } from "@/db/queries/messages";
import { searchForPerson, searchMessages } from "@/db/queries/search";
import { messages } from "@/db/schema";
import { defineMailboxAction } from "@/lib/actions/run";
import { loadAccess } from "@/lib/authz/access";
import { can, type Granted, type MailboxAccess, type Permission, type ReadAccess } from "@/lib/authz/permissions";
import { addAttachment, listAttachments } from "@/lib/mail/attachments";
import { z } from "@/lib/validation";
import { driver, seededDatabase } from "./db";
import { demo, readAccess } from "./fixtures";

/*
 * These checks are compiled by `tsc --noEmit` (and by `next build`): each
 * `@ts-expect-error` fails the compilation the day its line type-checks.
 */
describe("a mailbox access is a proof only the resolver makes", () => {
  it("is not a mailbox id, an object with its fields, nor an access unchecked or checked for another right", () => {
    expectTypeOf<string>().not.toExtend<MailboxAccess>();
    expectTypeOf<{
      mailbox: MailboxAccess["mailbox"];
      via: MailboxAccess["via"];
      rights: MailboxAccess["rights"];
    }>().not.toExtend<MailboxAccess>();
    expectTypeOf<MailboxAccess>().not.toExtend<ReadAccess>();
    expectTypeOf<Granted<"message.edit">>().not.toExtend<ReadAccess>();
    // A guard checking a permission chosen at run time proves none in particular.
    expectTypeOf<Granted<Permission>>().not.toExtend<ReadAccess>();
    expectTypeOf<Granted<"mailbox.read"> & Granted<"message.edit">>().toExtend<ReadAccess>();
  });

  it("is what every query of a box's content takes, instead of a mailbox id", () => {
    expectTypeOf(listFolder).parameter(1).toHaveProperty("access").toEqualTypeOf<ReadAccess>();
    expectTypeOf(openThread).parameter(1).toHaveProperty("access").toEqualTypeOf<ReadAccess>();
    expectTypeOf(boxSummary).parameter(2).toEqualTypeOf<ReadAccess>();
    expectTypeOf(unreadCounts).parameter(2).toEqualTypeOf<readonly ReadAccess[]>();
    expectTypeOf(findMessage).parameter(1).toEqualTypeOf<ReadAccess>();
    expectTypeOf(listAttachments).parameter(1).toEqualTypeOf<ReadAccess>();
    expectTypeOf(boxMembers).parameter(1).toEqualTypeOf<ReadAccess>();
    expectTypeOf(searchForPerson).parameter(2).toEqualTypeOf<ReadAccess>();
    expectTypeOf(searchMessages).parameter(1).toHaveProperty("boxes").toEqualTypeOf<readonly ReadAccess[]>();
  });

  it("gives a mailbox action the access of its permission, and an input without the box's id", () => {
    defineMailboxAction({
      action: "message.flag",
      permission: "message.edit",
      schema: z.object({ mailboxId: z.string(), messageId: z.uuid() }),
      async run({ input, access }) {
        expectTypeOf(input).not.toHaveProperty("mailboxId");
        expectTypeOf(access).toEqualTypeOf<Granted<"message.edit">>();
        return {};
      },
    });
  });
});

describe(`queries scoped by the access (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
  });

  it("refuse at compile time whatever the resolver did not make and check for reading", async () => {
    const unchecked = await loadAccess(db, d.marie.id, d.cardio.id);
    const fields = { mailbox: d.cardio, via: "delegation" as const, rights: new Set(["read" as const]) };
    // @ts-expect-error a mailbox id proves nothing
    expectTypeOf(boxSummary).toBeCallableWith(db, d.marie.id, d.cardio.id);
    // @ts-expect-error an object with the fields of an access is not one
    expectTypeOf(boxSummary).toBeCallableWith(db, d.marie.id, fields);
    // @ts-expect-error an access nobody checked for reading
    expectTypeOf(boxSummary).toBeCallableWith(db, d.marie.id, unchecked);
    if (!can(unchecked, "mailbox.read")) throw new Error("Marie reads Cardiologie");
    expectTypeOf(boxSummary).toBeCallableWith(db, d.marie.id, unchecked);
    // @ts-expect-error a copy of a real access with another box spread in
    expectTypeOf(boxSummary).toBeCallableWith(db, d.marie.id, { ...unchecked, mailbox: d.claireBox });
  });

  it("find nothing of another box through the access of one", async () => {
    const [jeanMessage] = await db.select().from(messages).where(eq(messages.mailboxId, d.jeanBox.id)).limit(1);
    const file = await db.transaction((tx) => addAttachment(tx, jeanMessage.id, { name: "note.txt", bytes: Buffer.from("note") }));
    const jean = await readAccess(db, d.jean.id, d.jeanBox.id);
    const marie = await readAccess(db, d.marie.id, d.cardio.id);
    expect((await listAttachments(db, jean, [jeanMessage.id])).map((f) => f.id)).toContain(file.id);
    expect(await listAttachments(db, marie, [jeanMessage.id])).toEqual([]);
    expect(await findMessage(db, jean, jeanMessage.id)).toMatchObject({ id: jeanMessage.id });
    expect(await findMessage(db, marie, jeanMessage.id)).toBeNull();
  });
});
