import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart, CHART_WIDTH, fitLabel, type BarRow } from "@/components/charts/bar-chart";

/** The server-drawn bar chart: its accessible name, one bar per row at its share, a note instead of a bar. */

/** The markup, cut into what the tests read (no DOM in the unit tests' Node: the markup is React's own, attributes in order). */
function render(rows: BarRow[], title = "Accounts by method") {
  const html = renderToStaticMarkup(createElement(BarChart, { id: "methods", title, rows }));
  const attr = (tag: string, name: string) => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1] ?? null;
  const svgTag = html.match(/^<svg[^>]*>/)![0];
  const groups = [...html.matchAll(/<g [^>]*>(.*?)<\/g>/g)].map((m) => ({ tag: m[0].match(/^<g[^>]*>/)![0], body: m[1] }));
  return {
    html,
    svg: (name: string) => attr(svgTag, name),
    title: html.match(/<title id="([^"]*)">([^<]*)<\/title>/),
    tops: groups.map((g) => attr(g.tag, "transform")),
    /** The width of each row's bar, in chart units (null: a row drawn without one). */
    bars: groups.map((g) => {
      const bar = g.body.match(/<rect[^>]*data-bar[^>]*>/)?.[0];
      return bar ? Number(attr(bar, "width")) : null;
    }),
    track: Number(attr(html.match(/<rect[^>]*data-track[^>]*>/)?.[0] ?? "", "width")),
    texts: [...html.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]),
    rects: groups.map((g) => (g.body.match(/<rect/g) ?? []).length),
  };
}

describe("BarChart", () => {
  it("is an image named by its title", () => {
    const c = render([{ label: "Secure mobile", share: 0.5, text: "2 · 50%" }]);
    expect(c.svg("role")).toBe("img");
    expect(c.svg("aria-labelledby")).toBeTruthy();
    expect(c.title?.[1]).toBe(c.svg("aria-labelledby"));
    expect(c.title?.[2]).toBe("Accounts by method");
    expect(c.svg("viewBox")).toBe(`0 0 ${CHART_WIDTH} 44`);
  });

  it("draws each row's label, figure and a bar at its share of the track, 0 and 100% included", () => {
    const c = render([
      { label: "None", share: 0, text: "0 · 0%" },
      { label: "Some", share: 0.25, text: "1 · 25%" },
      { label: "All", share: 1, text: "4 · 100%" },
      { label: "Too many", share: 1.5, text: "?" },
    ]);
    const w = c.track;
    expect(w).toBeGreaterThan(100);
    expect(c.bars).toEqual([0, w / 4, w, w]);
    expect(c.texts).toEqual(["None", "0 · 0%", "Some", "1 · 25%", "All", "4 · 100%", "Too many", "?"]);
    // One row below the other, the chart as tall as its rows.
    expect(c.tops).toEqual(["translate(0 0)", "translate(0 44)", "translate(0 88)", "translate(0 132)"]);
    expect(c.svg("viewBox")).toBe(`0 0 ${CHART_WIDTH} 176`);
  });

  it("writes a note instead of the bar of a row that has one, and no bar for a share that is not a number", () => {
    const c = render([
      { label: "Security questions", share: 0, text: "0", note: "Turned off in Password Policy" },
      { label: "Empty department", share: Number.NaN, text: "—" },
    ]);
    expect(c.bars).toEqual([null, 0]);
    expect(c.rects).toEqual([0, 2]);
    expect(c.texts).toEqual(["Security questions", "Turned off in Password Policy", "Empty department", "—"]);
  });

  it("escapes what it is given", () => {
    const { html } = render([{ label: "<R&D>", share: 0.5, text: "1" }], 'A "chart" & more');
    expect(html).toContain("&lt;R&amp;D&gt;");
    expect(html).not.toContain("<R&D>");
  });

  it("cuts a label longer than its line, counting a CJK character as two", () => {
    const fits = "a".repeat(36);
    expect(fitLabel(fits)).toBe(fits);
    expect(fitLabel(`${fits}b`)).toBe(`${"a".repeat(35)}…`);
    expect(fitLabel("研".repeat(18))).toBe("研".repeat(18));
    expect(fitLabel("研".repeat(19))).toBe(`${"研".repeat(17)}…`);
    const c = render([{ label: `Engineering / ${"Platform ".repeat(8)}`, share: 1, text: "1" }]);
    expect(c.texts[0]).toHaveLength(36);
    expect(c.texts[0].endsWith("…")).toBe(true);
  });
});
