import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import ThreadLoading from "@/app/(mail)/m/[mailbox]/[folder]/[thread]/loading";
import MailboxLoading from "@/app/(mail)/m/[mailbox]/loading";
import SearchLoading from "@/app/(mail)/m/[mailbox]/search/loading";
import ErrorPage from "@/app/error";
import GlobalError from "@/app/global-error";

// What the browser receives for a server error in production: a generic message and the digest Next logged.
const serverError = Object.assign(new Error("Internal detail that must not be shown"), { digest: "2704163384" });
const render = (page: typeof ErrorPage, error: unknown) => renderToStaticMarkup(createElement(page, { error, retry: () => {} }));

describe("error pages", () => {
  it("say in French that the page failed, with a retry button, a way home and the server error's reference", () => {
    const html = render(ErrorPage, serverError);
    expect(html).toContain("<h1");
    expect(html).toContain("Une erreur est survenue");
    expect(html).toMatch(/<button [^>]*type="button"[^>]*>Réessayer<\/button>/);
    expect(html).toMatch(/<a href="\/"[^>]*>Retour à la messagerie<\/a>/);
    expect(html).toContain("Référence : 2704163384");
    expect(html).not.toContain("Internal detail");
  });

  it("show no reference for what is not a server error", () => {
    expect(render(ErrorPage, "thrown string")).not.toContain("Référence");
  });

  it("bring their own French document when the root layout itself failed", () => {
    const html = render(GlobalError, serverError);
    // React moves the title into a head of its own.
    expect(html).toMatch(/^<html lang="fr"><head><title>Une erreur est survenue — MSSanté[^<]*<\/title><\/head><body[^>]*>/);
    expect(html).toContain("Réessayer");
    expect(html).toMatch(/<\/body><\/html>$/);
  });
});

// Next shows these only while the server is slow to answer, which no test can cause without a
// code path of its own: their markup is checked here, rendered as the server sends it.
describe("loading pages", () => {
  it.each([
    ["a box", MailboxLoading, "Chargement des messages…"],
    ["search", SearchLoading, "Recherche en cours…"],
  ])("of %s mark the content busy, say what is loading, and hide the grey shapes", (_, page, status) => {
    const html = renderToStaticMarkup(createElement(page));
    expect(html).toMatch(/<main id="contenu"[^>]* aria-busy="true">/);
    expect(html).toContain(`<p role="status" class="mb-4 text-slate-700">${status}</p><div aria-hidden="true">`);
  });

  it("of a thread beside the list mark only the reading pane busy", () => {
    const html = renderToStaticMarkup(createElement(ThreadLoading));
    expect(html).not.toContain("<main");
    expect(html).toContain(
      `<div aria-busy="true"><p role="status" class="mb-4 text-slate-700">Chargement de la conversation…</p><div aria-hidden="true">`,
    );
  });
});
