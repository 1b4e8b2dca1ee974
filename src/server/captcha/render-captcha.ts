import "server-only";
import * as svgCaptchaModule from "svg-captcha";
import { Resvg } from "@resvg/resvg-js";

// svg-captcha's module value is itself the function that draws a *given*
// text (its typings only declare create(), which picks the text with
// Math.random). We choose the text with the CSPRNG, so we need the former.
type DrawCaptcha = (text: string, options?: Record<string, unknown>) => string;
const loaded = svgCaptchaModule as unknown as DrawCaptcha & { default?: DrawCaptcha };
const drawCaptcha: DrawCaptcha = typeof loaded.default === "function" ? loaded.default : loaded;

const WIDTH = 180;
const HEIGHT = 60;

/**
 * Draws the text as SVG paths with noise lines, then rasterizes it to PNG.
 * The SVG is never sent: each glyph is a separate path, so a script could
 * read the answer straight from its markup.
 */
export function renderCaptchaPng(text: string): Buffer {
  const svg = drawCaptcha(text, {
    width: WIDTH,
    height: HEIGHT,
    fontSize: 62,
    noise: 2,
    // Dark grey glyphs on a light ground: svg-captcha's random colours are often too pale to read.
    color: false,
  });
  // Twice the CSS size, so the image stays sharp on high-density screens.
  const png = new Resvg(svg, {
    fitTo: { mode: "width", value: WIDTH * 2 },
    background: "#f8fafc",
    font: { loadSystemFonts: false }, // glyphs are paths already; no font lookup needed
  })
    .render()
    .asPng();
  return png;
}
