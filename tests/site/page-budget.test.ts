import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

const file = (name: string) => readFileSync(new URL(`../../public/static/${name}`, import.meta.url));

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const channel = parseInt(hex.slice(i, i + 2), 16) / 255;
      return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The colour variables of the stylesheet's light scheme, then its dark one. */
function schemes(css: string): Record<string, string>[] {
  const blocks = [...css.matchAll(/:root\s*\{([^}]*)\}/g)].map((match) => match[1]!);
  return blocks.map((block) => Object.fromEntries([...block.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{6})/g)].map((match) => [match[1]!, match[2]!])));
}

describe("the search page's own files", () => {
  it("stay under 30 KB gzipped, script and styles together", () => {
    const gzipped = gzipSync(file("app.js")).length + gzipSync(file("app.css")).length;
    expect(gzipped).toBeLessThan(30 * 1024);
  });

  it("meet WCAG AA contrast (4.5:1 for text) in the light and the dark scheme", () => {
    const found = schemes(file("app.css").toString());
    expect(found).toHaveLength(2);
    for (const colours of found) {
      const pairs: [string, string][] = [
        ["fg", "bg"],
        ["muted", "bg"],
        ["muted", "panel"],
        ["accent", "bg"],
        ["accent", "panel"],
        ["bg", "accent"],
        ["mark-fg", "mark-bg"],
        ["danger", "panel"],
        ["fg", "panel"],
      ];
      for (const [text, background] of pairs) {
        expect(contrast(colours[text]!, colours[background]!), `${text} on ${background}`).toBeGreaterThanOrEqual(4.5);
      }
      // Focus rings and field borders are UI components: 3:1.
      expect(contrast(colours.focus!, colours.bg!)).toBeGreaterThanOrEqual(3);
      expect(contrast(colours.muted!, colours.bg!)).toBeGreaterThanOrEqual(3);
    }
  });
});
