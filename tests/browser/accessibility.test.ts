/**
 * axe-core, run in Chromium on every page the Worker serves, at a wide
 * screen and a phone, in both colour schemes: no violation of WCAG 2.1 A
 * and AA (contrast measured on the rendered colours, placeholders and
 * marks included), or of axe's best practices.
 */
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { chromiumForFile } from "./browser";
import "./provided";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const baseUrl = inject("baseUrl");
const browser = chromiumForFile();

const PAGES = ["/", "/?q=safe+zones", "/?q=safe+zones&source=Reuters&from=2017", "/?q=xylophonic", "/?q=-korea", "/read/002_0bec946113768599?q=safe+zones", "/read/long?q=quokka&part=2", "/docs", "/instantsearch", "/?q=safe+zones&collapse=copies", "/compare?q=safe+zones&a=000_7b4177b3914c6952&b=001_9b23b38645758bcd"];
const VIEWPORTS = [
  { name: "1280", viewport: { width: 1280, height: 800 } },
  { name: "390x844", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
];

describe("axe-core", () => {
  for (const { name, ...options } of VIEWPORTS) {
    for (const colorScheme of ["light", "dark"] as const) {
      it(`finds no violation on any page at ${name} in the ${colorScheme} scheme`, async () => {
        // The pages allow only their own scripts: axe is added past that policy, for the test alone.
        const context = await browser().newContext({ ...options, colorScheme, bypassCSP: true });
        const page = await context.newPage();
        const found: string[] = [];
        for (const path of PAGES) {
          await page.goto(baseUrl + path, { waitUntil: "networkidle" });
          found.push(...(await axeViolations(page)).map((violation) => `${path} ${violation}`));
        }
        expect(found).toEqual([]);
        await context.close();
      });
    }
  }

  it("finds no violation in a phone's filter sheet, open, in either scheme", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const context = await browser().newContext({ ...VIEWPORTS[1]!, colorScheme, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/?q=safe+zones&source=Reuters`, { waitUntil: "networkidle" });
      await page.locator(".filters-sheet > summary").tap();
      await page.locator(".sheet-actions button").waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    }
  });
});

/** axe-core's WCAG 2.1 A/AA and best-practice violations on the page as it is, one line each. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const { violations } = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    return violations.map(({ id, nodes }) => `${id}: ${nodes.map((node) => node.target.join(" ")).join(", ")}`);
  });
}

/** WCAG's contrast ratio of two rgb()/rgba() colours, the second opaque. */
function contrast(foreground: string, background: string): number {
  const channels = (colour: string) => colour.match(/[\d.]+/g)!.map(Number);
  const [r, g, b, a = 1] = channels(foreground);
  const [br, bg, bb] = channels(background);
  // A translucent text colour is seen over its background.
  const seen = [r! * a + br! * (1 - a), g! * a + bg! * (1 - a), b! * a + bb! * (1 - a)];
  const luminance = (rgb: number[]) =>
    rgb.map((v) => v / 255).map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
  const [light, dark] = [luminance(seen), luminance([br!, bg!, bb!])].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

describe("placeholders", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    it(`are at least 4.5:1 against their field, as rendered, in the ${colorScheme} scheme`, async () => {
      const context = await browser().newContext({ viewport: { width: 1280, height: 800 }, colorScheme });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/?q=`);
      const fields = await page.evaluate(() =>
        [...document.querySelectorAll("input[placeholder]")].map((input) => {
          const placeholder = getComputedStyle(input, "::placeholder");
          return { name: (input as HTMLInputElement).name, colour: placeholder.color, opacity: placeholder.opacity, background: getComputedStyle(input).backgroundColor };
        }),
      );
      expect(fields.length).toBeGreaterThan(0);
      for (const { name, colour, opacity, background } of fields) {
        expect(Number(opacity), name).toBe(1);
        expect(contrast(colour, background), `${name}: ${colour} on ${background}`).toBeGreaterThanOrEqual(4.5);
      }
      await context.close();
    });
  }
});
