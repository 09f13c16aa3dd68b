import { describe, expect, it } from "vitest";
import { keepsFolderList } from "@/lib/http/kept-list";

const BOX = "39eb04f3-b883-4f5c-91bb-fec8ae6ea719";
const THREAD = "18041ad3-9b69-b1ce-6f7d-53fa2494c3dd";
const path = `/m/${BOX}/inbox/${THREAD}`;

/** What Chromium's router sent (Next 16) when a message was clicked in the list of Réception. */
const fromTheList = () =>
  JSON.parse(
    `["",{"children":["(mail)",{"children":["m",{"children":[["mailbox","${BOX}","d",null],{"children":[["folder","inbox","d",null],` +
      `{"children":[["thread","${THREAD}","d",null],{"children":["__PAGE__",{},null,"refetch",0]},null,null,4],` +
      `"list":["(__SLOT__)",{"children":["__PAGE__",{},null,null,0]},null,null,0]},null,null,8]},null,null,12]},null,null,8]},null,null,8]},null,null,24]`,
  );

/** The router's headers for a move whose tree is `tree`. */
const move = (tree: unknown, extra: Record<string, string> = {}) =>
  new Headers({ rsc: "1", "next-router-state-tree": encodeURIComponent(JSON.stringify(tree)), ...extra });

/** The folder's node in a tree shaped like `fromTheList`. */
const folderOf = (tree: ReturnType<typeof fromTheList>) => tree[1].children[1].children[1].children[1].children;

describe("a move that keeps the folder's list (the list's default is not rendered)", () => {
  it("is a move from the list of the message's own folder", () => {
    expect(keepsFolderList("GET", path, move(fromTheList()))).toBe(true);
  });

  it("is not a first load, a prefetch or a form post", () => {
    expect(keepsFolderList("GET", path, new Headers())).toBe(false);
    expect(keepsFolderList("GET", path, move(fromTheList(), { "next-router-prefetch": "1" }))).toBe(false);
    expect(keepsFolderList("POST", path, move(fromTheList(), { "next-action": "abc" }))).toBe(false);
  });

  it("is not a move from another folder or another box", () => {
    expect(keepsFolderList("GET", `/m/${BOX}/archive/${THREAD}`, move(fromTheList()))).toBe(false);
    expect(keepsFolderList("GET", `/m/6f1c8e0a-0000-4000-8000-000000000000/inbox/${THREAD}`, move(fromTheList()))).toBe(false);
  });

  it("is not a move from a page without the list (search, compose)", () => {
    const tree = fromTheList();
    tree[1].children[1].children[1].children[1].children = [
      "search",
      { children: ['__PAGE__?{"q":"écho"}', {}, null, null, 0] },
      null,
      null,
      0,
    ];
    expect(keepsFolderList("GET", path, move(tree))).toBe(false);
    const withoutSlot = fromTheList();
    delete folderOf(withoutSlot)[1].list;
    expect(keepsFolderList("GET", path, move(withoutSlot))).toBe(false);
  });

  it("is not a refresh of the folder or of anything above it, nor of the list itself", () => {
    const root = fromTheList();
    root[3] = "refetch";
    expect(keepsFolderList("GET", path, move(root))).toBe(false);
    const folder = fromTheList();
    folderOf(folder)[3] = "refetch";
    expect(keepsFolderList("GET", path, move(folder))).toBe(false);
    const list = fromTheList();
    folderOf(list)[1].list[1].children[3] = "refetch";
    expect(keepsFolderList("GET", path, move(list))).toBe(false);
  });

  it("is not a page other than a message, nor a tree it cannot read", () => {
    expect(keepsFolderList("GET", `/m/${BOX}/inbox`, move(fromTheList()))).toBe(false);
    expect(keepsFolderList("GET", `/m/${BOX}/compose`, move(fromTheList()))).toBe(false);
    for (const sent of ["%E0%A4%A", "{", "null", "[]", '["",null]', JSON.stringify(["", { children: "x" }])])
      expect(keepsFolderList("GET", path, new Headers({ rsc: "1", "next-router-state-tree": sent }))).toBe(false);
  });
});
