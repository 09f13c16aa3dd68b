import { expect, test } from "@playwright/test";
import { dischargeXdm } from "../tests/xdm-fixture";
import { login, messageList, uniqueSubject } from "./helpers";
import { operatorClient } from "./instances";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

test("a discharge letter sent by hospital software shows its structured documents to the cardiology secretary", async ({ page }) => {
  const title = uniqueSubject("Lettre de liaison FAURE Josette 19470312");
  // The other hospital's software, over our SMTP port with STARTTLS, as operators deliver.
  const software = await operatorClient();
  await software.sendMail({
    from: "DPI Clinique <dpi@medecin.mssante.fr>",
    to: "cardiologie@ch-troispics.mssante.fr",
    subject: `XDM/1.0/DDM+${title}`,
    text: "Veuillez trouver ci-joint la lettre de liaison.",
    attachments: [
      { filename: "IHE_XDM.ZIP", content: await dischargeXdm(), contentType: "application/zip" },
      { filename: "lettre-de-liaison.pdf", content: PDF, contentType: "application/pdf" },
    ],
  });
  software.close();

  await login(page, "marie.durand");
  // The prefix is hidden: the list and the conversation read as the title.
  const link = messageList(page).getByRole("link", { name: new RegExp(title) });
  await expect(link).not.toContainText("XDM/1.0/DDM+");
  await link.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  const documents = page.getByRole("region", { name: "Documents de santé" });
  const row = documents.getByRole("row", { name: /Lettre de liaison à la sortie/ });
  await expect(row).toContainText("Lettre de liaison à la sortie d'un établissement de soins");
  await expect(row).toContainText("INS 255081416802538 (NIR)");
  // 14:30 UTC in the metadata, shown in Paris time.
  await expect(row).toContainText("20 nov. 2026, 15:30");
  const files = page.getByRole("list", { name: "Pièces jointes" });
  await expect(files).toContainText("IHE_XDM.ZIP");
  await expect(files).toContainText("lettre-de-liaison.pdf");
});
