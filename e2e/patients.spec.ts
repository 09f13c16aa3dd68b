import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { startPeer } from "../tests/smtp-peer";
import { expectAccessible, login, messageList, openMessage, uniqueSubject } from "./helpers";
import { borderPki, operatorClient, patientsOperator } from "./instances";

const PATIENT = "279035121518989@patient.mssante.fr";

/** The patient answers through the patients' operator, which delivers to our SMTP port as any operator does. */
async function patientReplies(inReplyTo: string, subject: string) {
  const operator = await operatorClient();
  try {
    await operator.sendMail({
      from: PATIENT,
      to: "jean.dupont@ch-troispics.mssante.fr",
      subject,
      text: "Merci docteur, tout va bien.",
      inReplyTo,
      references: [inReplyTo],
    });
    return { code: 250, response: "" };
  } catch (error) {
    const e = error as { responseCode?: number; response?: string };
    return { code: e.responseCode, response: e.response ?? "" };
  } finally {
    operator.close();
  }
}

test("a doctor writes to a patient, reads the reply in the thread, closes the exchange, and a further reply is refused", async ({
  page,
}) => {
  const pki = await borderPki(".data/e2e-pki");
  const operator = await startPeer({
    port: patientsOperator.port,
    key: readFileSync(pki.key),
    cert: readFileSync(pki.cert),
    closeTimeout: 100,
  });
  try {
    const subject = uniqueSubject("Résultats de votre bilan");
    await login(page, "jean.dupont");
    await page.getByRole("link", { name: "Nouveau message" }).click();
    const closing = page.getByLabel("Bloquer la réponse du patient");
    await page.getByLabel("À", { exact: true }).fill(PATIENT);
    await page.getByLabel("À", { exact: true }).press("Enter");
    // Offered once a patient is among the recipients, never ticked beforehand.
    await expect(closing).not.toBeChecked();
    await page.getByLabel("Objet", { exact: true }).fill(subject);
    await page.getByLabel("Message", { exact: true }).press("Control+Home");
    await page.getByLabel("Message", { exact: true }).pressSequentially("Vos résultats sont normaux.");
    await page.getByRole("button", { name: "Envoyer" }).click();
    await expect(page.getByRole("main").getByRole("status").first()).toBeVisible();

    // The patients' operator received it, as any other operator would.
    await expect.poll(() => operator.received.filter((m) => m.to.includes(PATIENT)).length, { timeout: 20_000 }).toBe(1);
    const sent = operator.received.find((m) => m.to.includes(PATIENT))!.raw.toString();
    const messageId = /^Message-ID: (<[^>]+>)/im.exec(sent)![1];
    expect(sent).not.toMatch(/^X-MSS-MES:/im);

    expect((await patientReplies(messageId, `RE: ${subject}`)).code).toBe(250);
    await page.goto("/");
    await messageList(page)
      .getByRole("link", { name: new RegExp(`RE: ${subject}`) })
      .click();
    await expect(openMessage(page).getByText("Merci docteur, tout va bien.")).toBeVisible();
    const conversation = page.getByRole("region", { name: "Conversation avec un patient" });
    await expect(conversation).toContainText("INS 2 79 03 51 215 189 89");
    await expect(conversation).toContainText("Échange ouvert depuis le");
    await expectAccessible(page);

    // The doctor answers and closes the exchange.
    await page.getByRole("link", { name: "Répondre", exact: true }).last().click();
    await expect(page.getByRole("list", { name: "Adresses saisies (À)" })).toContainText(PATIENT);
    await page.getByLabel("Bloquer la réponse du patient").check();
    await page.getByRole("button", { name: "Envoyer" }).click();
    await expect(page.getByRole("main").getByRole("status").first()).toBeVisible();
    await expect.poll(() => operator.received.filter((m) => m.to.includes(PATIENT)).length, { timeout: 20_000 }).toBe(2);
    expect(operator.received.filter((m) => m.to.includes(PATIENT))[1].raw.toString()).toMatch(/^X-MSS-MES: FIN/im);

    const refused = await patientReplies(messageId, `RE: ${subject}`);
    expect(refused.code).toBe(550);
    expect(refused.response).toContain("aucune conversation ouverte");
    await page.goto("/");
    await messageList(page)
      .getByRole("link", { name: new RegExp(`RE: ${subject}`) })
      .first()
      .click();
    await expect(page.getByRole("region", { name: "Conversation avec un patient" })).toContainText(/Échange clos le .+ par Dr Jean Dupont/);

    // The list tells patient conversations apart and can show only them.
    await page.goto("/");
    await page.getByRole("navigation", { name: "Filtrer" }).getByRole("link", { name: "Patients" }).click();
    await expect(messageList(page).getByRole("listitem").first()).toContainText("Patient");
  } finally {
    await operator.close();
  }
});
