import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { simpleParser } from "mailparser";
import { startPeer } from "../tests/smtp-peer";
import { expectAccessible, login, loginAs, mailboxNav, messageList, openMessage, uniqueSubject } from "./helpers";
import { borderPki, sink } from "./instances";

const body = (page: Page) => page.getByRole("textbox", { name: "Message", exact: true });
const toolbar = (page: Page) => page.getByRole("toolbar", { name: "Mise en forme" });

/** What Word puts on the clipboard for two bullet points: its own list paragraphs, styles and Office tags. */
const WORD_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta name=Generator content="Microsoft Word 15"><style>p.MsoNormal{margin:0cm;font-family:"Calibri"}</style></head><body lang=FR>
<!--StartFragment--><p class=MsoNormal><b><span style='font-size:12.0pt;mso-bidi-font-family:Calibri'>Consignes post-opératoires</span></b><o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol;mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;</span></span><![endif]>Repos strict<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol;mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;</span></span><![endif]>Pansement à refaire<o:p></o:p></p>
<!--EndFragment--></body></html>`;

async function paste(page: Page, html: string) {
  await body(page).evaluate((editor, pasted) => {
    const data = new DataTransfer();
    data.setData("text/html", pasted);
    data.setData("text/plain", "Consignes");
    editor.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
}

test("bold and a list reach the recipients as HTML and as text; Word's paste arrives clean; the answer quotes it as a block", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const pki = await borderPki(".data/e2e-pki");
  const operator = await startPeer({ port: sink.port, key: readFileSync(pki.key), cert: readFileSync(pki.cert), closeTimeout: 100 });
  try {
    const subject = uniqueSubject("Consignes de sortie");
    await login(page, "jean.dupont");
    await page.getByRole("link", { name: "Nouveau message" }).click();
    await page.getByLabel("À", { exact: true }).fill(`claire.martin@msp-duval.mssante.fr, antoine.leroy@${sink.domain}`);
    await page.getByLabel("À", { exact: true }).press("Enter");
    await page.getByLabel("Objet", { exact: true }).fill(subject);

    // Typed as a person does: the toolbar's bold, then a bulleted list.
    await body(page).press("Control+Home");
    await toolbar(page).getByRole("button", { name: "Gras" }).click();
    await expect(toolbar(page).getByRole("button", { name: "Gras" })).toHaveAttribute("aria-pressed", "true");
    await body(page).pressSequentially("Urgent");
    await toolbar(page).getByRole("button", { name: "Gras" }).click();
    await body(page).pressSequentially(" : à revoir sous huit jours.");
    await body(page).press("Enter");
    await toolbar(page).getByRole("button", { name: "Liste à puces" }).click();
    await body(page).pressSequentially("Bilan sanguin");
    await body(page).press("Enter");
    await body(page).pressSequentially("ECG de contrôle");
    await body(page).press("Enter");
    await body(page).press("Enter");
    // Pasted from Word: its bullets become a list, its styles and tags stay behind.
    await paste(page, WORD_HTML);
    await expect(body(page).getByRole("listitem")).toHaveText(["Bilan sanguin", "ECG de contrôle", "Repos strict", "Pansement à refaire"]);
    await expect(body(page)).not.toContainText("·");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Envoyer", exact: true }).click();
    await expect(page.getByRole("main").getByRole("status").first()).toBeVisible();

    // The other operator receives multipart/alternative: the HTML as written, and a faithful text part.
    await expect.poll(() => operator.received.length, { timeout: 30_000 }).toBeGreaterThan(0);
    const mail = await simpleParser(operator.received[0].raw);
    expect(operator.received[0].raw.toString()).toMatch(/^Content-Type: multipart\/alternative/im);
    expect(mail.html).toContain("<strong>Urgent</strong> : à revoir sous huit jours.");
    expect(mail.html).toMatch(/<ul><li><p>Bilan sanguin<\/p><\/li><li><p>ECG de contrôle<\/p><\/li><\/ul>/);
    expect(mail.html).not.toMatch(/mso-|class=|style=|<o:p|Mso/);
    expect(mail.text).toContain("Urgent : à revoir sous huit jours.\n\n- Bilan sanguin\n- ECG de contrôle");
    expect(mail.text).toContain("- Repos strict\n- Pansement à refaire");

    // Claire, on this instance, reads it formatted in the page.
    const claire = await loginAs(browser, "claire.martin");
    await messageList(claire)
      .getByRole("link", { name: new RegExp(subject) })
      .click();
    await expect(openMessage(claire).locator("strong", { hasText: "Urgent" })).toBeVisible();
    await expect(openMessage(claire).locator(".rich-content li")).toHaveText([
      "Bilan sanguin",
      "ECG de contrôle",
      "Repos strict",
      "Pansement à refaire",
    ]);

    // Her answer quotes the message as a block, formatting kept, below her signature.
    await claire.getByRole("link", { name: "Répondre", exact: true }).click();
    await expect(body(claire).locator("blockquote").getByRole("listitem").first()).toHaveText("Bilan sanguin");
    await expect(body(claire).locator("blockquote strong").first()).toHaveText("Urgent");
    await body(claire).press("Control+Home");
    await body(claire).pressSequentially("Bien reçu, je le revois le 12.");
    await claire.getByRole("button", { name: "Envoyer", exact: true }).click();
    await expect(claire.getByRole("main").getByRole("status").first()).toBeVisible();
    await page.goto("/");
    await messageList(page)
      .getByRole("link", { name: new RegExp(`RE : ${subject}`) })
      .click();
    await expect(openMessage(page).getByText("Bien reçu, je le revois le 12.")).toBeVisible();
    await expect(openMessage(page).locator("blockquote").getByRole("listitem").first()).toHaveText("Bilan sanguin");
  } finally {
    await operator.close();
  }
});

test("links and tables from the toolbar; plain text stays available and is remembered", async ({ page }) => {
  const subject = uniqueSubject("Posologie");
  await login(page, "jean.dupont");
  await page.getByRole("link", { name: "Nouveau message" }).click();
  await page.getByLabel("À", { exact: true }).fill("claire.martin@msp-duval.mssante.fr");
  await page.getByLabel("À", { exact: true }).press("Enter");
  await page.getByLabel("Objet", { exact: true }).fill(subject);
  await body(page).press("Control+Home");
  await body(page).pressSequentially("Recommandation");
  await body(page).press("Shift+Home");
  await toolbar(page).getByRole("button", { name: "Lien" }).click();
  // A link the webmail would not let open is refused, in French.
  await page.getByLabel("Adresse du lien").fill("javascript:alert(1)");
  await page.getByLabel("Adresse du lien").press("Enter");
  await expect(page.getByText("Adresse de lien non reconnue")).toBeVisible();
  await page.getByLabel("Adresse du lien").fill("https://www.has-sante.fr/");
  await page.getByLabel("Adresse du lien").press("Enter");
  await expect(body(page).getByRole("link", { name: "Recommandation" })).toHaveAttribute("href", "https://www.has-sante.fr/");
  // The linked word stays selected: collapse the selection past it before starting a new paragraph.
  await body(page).press("ArrowRight");
  await body(page).press("End");
  await body(page).press("Enter");
  await expect(body(page).locator("p").first()).toHaveText("Recommandation");
  await toolbar(page).getByRole("button", { name: "Insérer un tableau" }).click();
  await body(page).pressSequentially("Produit");
  await body(page).press("Tab");
  await body(page).pressSequentially("Dose");
  await body(page).press("Tab");
  await body(page).pressSequentially("Bisoprolol");
  await body(page).press("Tab");
  await body(page).pressSequentially("2,5 mg");
  await expect(body(page).getByRole("cell", { name: "2,5 mg" })).toBeVisible();
  await toolbar(page).getByRole("button", { name: "Supprimer la ligne" }).click();
  await expect(body(page).getByRole("row")).toHaveCount(2);
  await toolbar(page).getByRole("button", { name: "Ajouter une ligne" }).click();
  await expect(body(page).getByRole("row")).toHaveCount(3);
  await body(page).pressSequentially("Bisoprolol");
  await body(page).press("Tab");
  await body(page).pressSequentially("2,5 mg");

  // Plain text: the same content, as its text part would read.
  await page.getByRole("button", { name: "Passer en texte brut" }).click();
  await expect(toolbar(page)).toHaveCount(0);
  await expect(page.getByLabel("Message", { exact: true })).toHaveValue(
    /^Recommandation <https:\/\/www\.has-sante\.fr\/>\n\nProduit\s+Dose\nBisoprolol\s+2,5 mg/,
  );
  await page.getByRole("button", { name: "Envoyer", exact: true }).click();
  await expect(page.getByRole("main").getByRole("status").first()).toHaveText("Message envoyé.");

  // The choice is this browser's: the next message opens as plain text, until it switches back.
  await page.getByRole("link", { name: "Nouveau message" }).click();
  await expect(page.getByRole("button", { name: "Passer en texte mis en forme" })).toBeVisible();
  await expect(toolbar(page)).toHaveCount(0);
  await expect(page.getByLabel("Message", { exact: true })).toHaveValue(/^\n\n-- \nDr Jean Dupont/);
  await page.getByRole("button", { name: "Passer en texte mis en forme" }).click();
  await expect(toolbar(page)).toBeVisible();
  await expect(body(page)).toContainText("Dr Jean Dupont");
});

test("the manager writes the box's signature with formatting, and it signs the secretaries' messages", async ({ page, browser }) => {
  await login(page, "sophie.bernard");
  await page.getByRole("link", { name: "Délégations" }).click();
  const box = page.getByRole("region", { name: "Cardiologie — CH des Trois Pics" });
  const section = box.getByRole("region", { name: "Signature" });
  await section.getByText("Modifier la signature").click();
  const editor = section.getByRole("textbox", { name: "Signature de la boîte" });
  await editor.click();
  await section.getByRole("button", { name: "Gras" }).click();
  await editor.pressSequentially("Secrétariat de cardiologie");
  await section.getByRole("button", { name: "Gras" }).click();
  await editor.press("Enter");
  await editor.pressSequentially("Poste 4512, du lundi au vendredi");
  await section.getByRole("button", { name: "Enregistrer la signature" }).click();
  await expect(section.getByRole("status")).toHaveText("Signature enregistrée.");
  await expectAccessible(page);

  const marie = await loginAs(browser, "marie.durand");
  await mailboxNav(marie)
    .getByRole("link", { name: /Cardiologie/ })
    .click();
  await marie.getByRole("link", { name: "Nouveau message" }).click();
  await expect(body(marie).locator("strong", { hasText: "Secrétariat de cardiologie" })).toBeVisible();
  await expect(body(marie)).toContainText("Poste 4512, du lundi au vendredi");

  // Emptied, the box signs again from the annuaire.
  await editor.click();
  await editor.press("Control+a");
  await editor.press("Delete");
  await section.getByRole("button", { name: "Enregistrer la signature" }).click();
  await expect(section.getByRole("status")).toHaveText("Signature enregistrée.");
  await marie.reload();
  await expect(body(marie)).not.toContainText("Poste 4512");
  await expect(body(marie)).toContainText("Cardiologie");
});
