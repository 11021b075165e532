// Drives VS Code (code-server) in Debian's Chromium: open a Java file, run "ACT: Translate File" from the
// command palette, confirm the refactor preview, save. Usage: node drive.js URL FILE_NAME SHOT_DIR [problems]
// Prints "PREVIEW <text>" (the refactor preview: the edit's label and evidence) and, with "problems", one
// "PROBLEM <row>" line per row of the Problems panel once ACT's diagnostics arrived.
// Exit 0 on success; screenshots of each step are written to SHOT_DIR.
const { chromium } = require(process.env.PLAYWRIGHT_CORE || "playwright-core");
const [url, fileName, shots, report] = process.argv.slice(2);

async function step(page, name) {
  await page.screenshot({ path: `${shots}/${name}.png` });
}

async function palette(page, text) {
  await page.keyboard.press("Control+Shift+P");
  await page.waitForSelector(".quick-input-widget input", { state: "visible" });
  await page.keyboard.type(text, { delay: 15 });
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${text}"]`, { timeout: 20000 });
  await page.keyboard.press("Enter");
}

(async () => {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    await page.goto(url);
    await page.waitForSelector(".monaco-workbench", { timeout: 90000 });
    await page.waitForTimeout(1500);
    await page.keyboard.press("Control+P");
    await page.waitForSelector(".quick-input-widget input", { state: "visible" });
    await page.keyboard.type(fileName, { delay: 20 });
    await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${fileName}"]`, { timeout: 30000 });
    await page.keyboard.press("Enter");
    await page.waitForSelector(".monaco-editor .view-lines", { timeout: 30000 });
    // The status bar item appears once the extension has activated and the server answered.
    await page.waitForSelector('.statusbar-item[id*="act"] >> text=/ACT/', { timeout: 90000 });
    await step(page, "1-opened");
    await palette(page, "ACT: Translate File");
    // needsConfirmation: VS Code shows the Refactor Preview. Tick every change, then Apply.
    const apply = page.locator(".monaco-button", { hasText: /^Apply$/ });
    await apply.first().waitFor({ timeout: 300000 });
    await page.waitForTimeout(500);
    await step(page, "2-preview");
    if (report === "problems") {
      for (const toast of await page.locator(".notification-list-item-message").all()) {
        console.log("NOTIFY " + (await toast.innerText()));
      }
      // With one change annotation VS Code groups the preview by file; the annotation (ACT's label and the evidence
      // as its description) is each change's tooltip.
      const titles = await page.locator(".bulk-edit-panel [title]").evaluateAll(
        (els) => els.map((e) => e.getAttribute("title")).filter((t) => t));
      await page.locator(".bulk-edit-panel .monaco-list-row").last().hover();
      await page.waitForTimeout(1500);
      await step(page, "2-preview-tooltip");
      const rows = await page.locator(".bulk-edit-panel .monaco-list-row").evaluateAll(
        (els) => els.map((e) => e.getAttribute("aria-label")).filter((t) => t));
      const preview = [...titles, ...rows].join(" | ");
      console.log("PREVIEW " + preview.replace(/\s*\n\s*/g, " | "));
    }
    const unchecked = page.locator('.bulk-edit-panel .monaco-custom-toggle:not(.checked), .bulk-edit-panel input[type=checkbox]:not(:checked)');
    for (let i = 0; i < 20 && (await unchecked.count()) > 0; i++) {
      await unchecked.first().click({ force: true });
      await page.waitForTimeout(200);
    }
    await step(page, "3-ticked");
    await apply.first().click({ force: true });
    await page.waitForTimeout(1500);
    await palette(page, "File: Save All");
    await page.waitForTimeout(1500);
    await step(page, "4-result");
    if (report === "problems") {
      await palette(page, "Toggle Problems");
      const marker = page.locator(".markers-panel .monaco-list-row", { hasText: /act/ });
      await marker.first().waitFor({ timeout: 120000 });
      await page.waitForTimeout(500);
      await step(page, "5-problems");
      for (const row of await page.locator(".markers-panel .monaco-list-row").all()) {
        console.log("PROBLEM " + (await row.getAttribute("aria-label")));
      }
    }
    console.log("OK");
  } catch (e) {
    await step(page, "error").catch(() => {});
    console.error("FAIL:", e.message);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
})();
