import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type Db } from "@/db/client";
import { boxSummary, customFolders, findPlace, folderTotal } from "@/db/queries/folders";
import { listFolder } from "@/db/queries/messages";
import { auditLog, delegations, mailboxFolders, messages, users } from "@/db/schema";
import { runAction } from "@/lib/actions/run";
import type { Principal } from "@/lib/auth/principal";
import { createFolderSpec, deleteFolderSpec, renameFolderSpec } from "@/lib/mail/folder-specs";
import { moveSpec } from "@/lib/mail/message-specs";
import { bulkMoveSpec, undoMoveSpec } from "@/lib/mail/triage-specs";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf, readAccess } from "./fixtures";

describe(`the box's own folders (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;
  let marie: Principal;
  let jean: Principal;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
    marie = await principalOf(db, d.marie);
    jean = await principalOf(db, d.jean);
  });

  async function fill(mailboxId: string, n: number) {
    const tag = crypto.randomUUID();
    return rowsOf<{ id: string }>(
      await db.execute(sql`insert into messages (mailbox_id, folder, thread_id, message_id, from_address, "to", subject, body_text, size)
        select ${mailboxId}::uuid, 'inbox', gen_random_uuid(), '<' || ${tag} || '-' || g || '@test.mssante.fr>',
          'dr.test@test.mssante.fr', '[]'::jsonb, 'Dossier ' || g, 'Texte', 100
        from generate_series(1, ${n}) g returning id`),
    ).map((r) => r.id);
  }
  const create = (principal: Principal, fields: Record<string, string>) =>
    runAction(db, principal, meta, createFolderSpec, { mailboxId: d.cardio.id, ...fields });
  const foldersOf = async (ids: string[]) =>
    (await db.select({ folder: messages.folder, folderId: messages.folderId }).from(messages).where(inArray(messages.id, ids))).map(
      (r) => r.folderId ?? r.folder,
    );
  const folderCount = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(mailboxFolders))[0].n;

  it("creates a folder and one level of sub-folders, shared by the team, and traces it with a code", async () => {
    const top = await create(marie, { name: "  Courriers patients  " });
    expect(top).toMatchObject({ ok: true, result: { folderId: expect.any(String) } });
    const child = await create(marie, { name: "Relances", parentId: String(top.result!.folderId) });
    expect(child.ok).toBe(true);
    // Jean, responsible of the box, sees what the secretary made.
    const seen = await customFolders(db, jean.userId, await readAccess(db, jean.userId, d.cardio.id));
    expect(seen.map((f) => [f.name, f.parentId])).toEqual([
      ["Courriers patients", null],
      ["Relances", top.result!.folderId],
    ]);
    const [trace] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "folder.create"), eq(auditLog.target, String(top.result!.folderId))));
    expect(trace).toMatchObject({ result: "success", mailboxId: d.cardio.id });
    expect(JSON.stringify(trace)).not.toContain("Courriers");
  });

  it("refuses, in French and changing nothing: a third level, a name taken whatever its case, a fixed folder's name, an empty or long name", async () => {
    const [parent] = await db.select().from(mailboxFolders).where(eq(mailboxFolders.name, "Courriers patients"));
    const [child] = await db.select().from(mailboxFolders).where(eq(mailboxFolders.name, "Relances"));
    const before = await folderCount();
    expect(await create(marie, { name: "Trop profond", parentId: child.id })).toMatchObject({
      ok: false,
      code: "invalid_input",
      error: "Un sous-dossier ne peut pas contenir d'autres dossiers.",
    });
    expect(await create(marie, { name: "courriers PATIENTS" })).toMatchObject({
      ok: false,
      code: "conflict",
      error: "Un dossier « courriers PATIENTS » existe déjà à cet emplacement.",
    });
    expect(await create(marie, { name: "Archives" })).toMatchObject({ ok: false, code: "conflict" });
    expect(await create(marie, { name: "   " })).toMatchObject({ ok: false, fieldErrors: { name: ["Donnez un nom au dossier."] } });
    expect(await create(marie, { name: "x".repeat(61) })).toMatchObject({
      ok: false,
      fieldErrors: { name: ["Le nom du dossier dépasse 60 caractères."] },
    });
    // The same name one level down is another folder; a rename onto a sibling's name is refused.
    expect((await create(marie, { name: "Archives", parentId: parent.id })).ok).toBe(true);
    expect(
      await runAction(db, marie, meta, renameFolderSpec, { mailboxId: d.cardio.id, folderId: child.id, name: "ARCHIVES" }),
    ).toMatchObject({ ok: false, code: "conflict" });
    expect(await folderCount()).toBe(before + 1);
  });

  it("is out of reach from another box, and for a delegate who may only read", async () => {
    const [folder] = await db.select().from(mailboxFolders).where(eq(mailboxFolders.name, "Courriers patients"));
    // Through Jean's own box, the cardiology folder does not exist.
    const jeanAccess = await readAccess(db, jean.userId, d.jeanBox.id);
    expect(await findPlace(db, jeanAccess, folder.id)).toBeNull();
    const [own] = await fill(d.jeanBox.id, 1);
    expect(
      await runAction(db, jean, meta, moveSpec, { mailboxId: d.jeanBox.id, messageId: own, folder: "inbox", to: folder.id }),
    ).toMatchObject({ ok: false, code: "not_found" });
    expect(await runAction(db, jean, meta, createFolderSpec, { mailboxId: d.jeanBox.id, name: "Sous", parentId: folder.id })).toMatchObject(
      {
        ok: false,
        code: "not_found",
      },
    );
    expect(await foldersOf([own])).toEqual(["inbox"]);

    const [reader] = await db
      .insert(users)
      .values({ structureId: d.jean.structureId, login: "lecture.dossiers", firstName: "Léa", lastName: "Lecture", role: "secretary" })
      .returning();
    await db.insert(delegations).values({ mailboxId: d.cardio.id, userId: reader.id, rights: ["read"], grantedBy: d.sophie.id });
    const principal = await principalOf(db, reader);
    for (const [spec, fields] of [
      [createFolderSpec, { name: "Lecture seule" }],
      [renameFolderSpec, { folderId: folder.id, name: "Renommé" }],
      [deleteFolderSpec, { folderId: folder.id }],
    ] as const)
      expect(await runAction(db, principal, meta, spec as typeof createFolderSpec, { mailboxId: d.cardio.id, ...fields })).toMatchObject({
        ok: false,
        code: "not_found",
      });
    const [after] = await db.select().from(mailboxFolders).where(eq(mailboxFolders.id, folder.id));
    expect(after.name).toBe("Courriers patients");
  });

  it("files messages in a folder: lists, counts and Archives follow, and the move can be undone", async () => {
    const cardio = await readAccess(db, marie.userId, d.cardio.id);
    const [folder] = await db.select().from(mailboxFolders).where(eq(mailboxFolders.name, "Relances"));
    const archiveBefore = await folderTotal(db, { userId: marie.userId, access: cardio, folder: "archive", view: "all" });
    const ids = await fill(d.cardio.id, 3);
    const moved = await runAction(db, marie, meta, bulkMoveSpec, { mailboxId: d.cardio.id, id: ids, to: folder.id });
    expect(moved).toMatchObject({ ok: true, result: { count: 3 } });
    expect(await foldersOf(ids)).toEqual([folder.id, folder.id, folder.id]);

    const list = await listFolder(db, { userId: marie.userId, access: cardio, folder: "archive", folderId: folder.id, cursor: null });
    expect(list.messages.map((m) => m.id).sort()).toEqual([...ids].sort());
    expect(await folderTotal(db, { userId: marie.userId, access: cardio, folder: "archive", folderId: folder.id, view: "all" })).toBe(3);
    // Filed among Archives, yet not listed nor counted there.
    const archive = await listFolder(db, { userId: marie.userId, access: cardio, folder: "archive", cursor: null });
    expect(archive.messages.filter((m) => ids.includes(m.id))).toEqual([]);
    expect(await folderTotal(db, { userId: marie.userId, access: cardio, folder: "archive", view: "all" })).toBe(archiveBefore);
    const summary = await boxSummary(db, marie.userId, cardio);
    expect(summary.unread[folder.id]).toBe(3);
    expect(summary.folders.map((f) => f.name)).toContain("Relances");

    // "All of the folder" names the folder by its id, resolved on the server.
    const all = await runAction(db, marie, meta, bulkMoveSpec, { mailboxId: d.cardio.id, all: "1", folder: folder.id, to: "inbox" });
    expect(all).toMatchObject({ ok: true, result: { count: 3 } });
    expect(await foldersOf(ids)).toEqual(["inbox", "inbox", "inbox"]);
    expect(await runAction(db, marie, meta, undoMoveSpec, { mailboxId: d.cardio.id, batchId: String(all.result!.batchId) })).toMatchObject({
      ok: true,
      result: { count: 3 },
    });
    expect(await foldersOf(ids)).toEqual([folder.id, folder.id, folder.id]);
  });

  it("deletes an empty folder at once; a full one only once told where its messages go; never one with sub-folders", async () => {
    const [parent] = await db.select().from(mailboxFolders).where(eq(mailboxFolders.name, "Courriers patients"));
    const [child] = await db.select().from(mailboxFolders).where(eq(mailboxFolders.name, "Relances"));
    const ids = (await db.select({ id: messages.id }).from(messages).where(eq(messages.folderId, child.id))).map((r) => r.id);
    const remove = (folderId: string, moveTo = "") =>
      runAction(db, marie, meta, deleteFolderSpec, { mailboxId: d.cardio.id, folderId, moveTo });

    expect(await remove(parent.id, "inbox")).toMatchObject({
      ok: false,
      code: "conflict",
      error: "Ce dossier contient des sous-dossiers : supprimez-les d'abord.",
    });
    expect(await remove(child.id)).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { moveTo: ["Choisissez où déplacer les 3 messages du dossier."] },
    });
    expect(await remove(child.id, child.id)).toMatchObject({ ok: false, code: "invalid_input" });
    expect(await foldersOf(ids)).toEqual([child.id, child.id, child.id]);

    expect(await remove(child.id, parent.id)).toMatchObject({
      ok: true,
      redirectTo: `/m/${d.cardio.id}/${parent.id}?notice=folderDeleted`,
    });
    expect(await foldersOf(ids)).toEqual([parent.id, parent.id, parent.id]);
    expect(await db.select().from(mailboxFolders).where(eq(mailboxFolders.id, child.id))).toEqual([]);

    const [empty] = await db.select().from(mailboxFolders).where(eq(mailboxFolders.parentId, parent.id));
    expect((await remove(empty.id)).ok).toBe(true);
    expect(await remove(parent.id, "archive")).toMatchObject({ ok: true });
    expect(await foldersOf(ids)).toEqual(["archive", "archive", "archive"]);
  });

  it("keeps a message out of another box's folder even written directly (the database refuses it)", async () => {
    const [folder] = await db.insert(mailboxFolders).values({ mailboxId: d.claireBox.id, name: "Chez Claire" }).returning();
    const [own] = await fill(d.cardio.id, 1);
    await expect(db.update(messages).set({ folder: "archive", folderId: folder.id }).where(eq(messages.id, own))).rejects.toThrow();
    await expect(db.update(messages).set({ folder: "inbox", folderId: folder.id }).where(eq(messages.id, own))).rejects.toThrow();
  });
});
