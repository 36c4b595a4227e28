// Runs axe-core (WCAG 2.1 A and AA) in headless Chromium over each HTML file given, and prints each to PDF.
// Exits 1 on any violation or failed print. Usage: node axe.mjs OUT_DIR FILE.html...
import { chromium } from "playwright-core";
import { createRequire } from "node:module";
import { resolve, basename } from "node:path";
import { statSync } from "node:fs";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");
const [outDir, ...files] = process.argv.slice(2);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run"],
});
let failed = false;
try {
  // The documents forbid every script by their Content-Security-Policy; axe is injected by the test, so the
  // test context bypasses it. Nothing in the documents themselves runs.
  const context = await browser.newContext({ bypassCSP: true, offline: true });
  for (const file of files) {
    const page = await context.newPage();
    const requests = [];
    page.on("request", (r) => { if (!r.url().startsWith("file:")) requests.push(r.url()); });
    await page.goto("file://" + resolve(file));
    await page.addScriptTag({ path: axePath });
    const results = await page.evaluate(() =>
      // eslint-disable-next-line no-undef
      axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
    for (const v of results.violations) {
      failed = true;
      console.log(`${file}: ${v.id} (${v.impact}): ${v.help}`);
      for (const node of v.nodes.slice(0, 5)) console.log(`    ${node.target.join(" ")}`);
    }
    if (requests.length) {
      failed = true;
      console.log(`${file}: made external requests: ${requests.join(", ")}`);
    }
    const pdf = resolve(outDir, basename(file).replace(/\.html$/, ".pdf"));
    await page.pdf({ path: pdf, format: "A4", printBackground: true });
    const size = statSync(pdf).size;
    if (size < 2000) {
      failed = true;
      console.log(`${file}: the printed PDF is only ${size} bytes`);
    }
    console.log(`${file}: ${results.violations.length} WCAG 2.1 AA violations, ${results.passes.length} rules passed, printed ${size} bytes of PDF`);
    await page.close();
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
