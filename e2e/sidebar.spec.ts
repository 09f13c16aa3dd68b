import { expect, test } from "@playwright/test";
import { expectAccessible, login, mailboxNav } from "./helpers";

test("at 1440 px the sidebar's search field shows its hint whole, and a name cut short can be read in full", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page, "marie.durand");
  const field = page.getByRole("search").getByLabel("Rechercher dans les messages");
  // The hint, in the field's own font, fits in the room the field gives it.
  const overflow = await field.evaluate((input: HTMLInputElement) => {
    const style = getComputedStyle(input);
    const context = document.createElement("canvas").getContext("2d")!;
    context.font = `${style.fontSize} ${style.fontFamily}`;
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return context.measureText(input.placeholder).width - room;
  });
  expect(overflow).toBeLessThanOrEqual(0);
  // Whatever the sidebar cuts (an address too long for it), the link's title gives whole.
  const cut = await mailboxNav(page).evaluate((nav) =>
    [...nav.querySelectorAll("a span")]
      .filter((span) => span.scrollWidth > span.clientWidth)
      .map((span) => ({ text: (span.textContent ?? "").trim(), title: span.closest("a")?.title ?? "" }))
      .filter(({ text, title }) => !title.includes(text)),
  );
  expect(cut).toEqual([]);
  await expectAccessible(page);
});
