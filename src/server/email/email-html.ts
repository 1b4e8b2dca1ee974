import { escapeHtml } from "@/lib/html";

/** An email's HTML body: its plain-text paragraphs, escaped; `highlight` (a code) shown larger where it appears. */
export function emailHtml(locale: string, paragraphs: string[], highlight?: string): string {
  const body = paragraphs
    .map((p) => {
      const html = escapeHtml(p);
      return `<p>${highlight ? html.replace(escapeHtml(highlight), `<strong style="font-size:1.25em">${escapeHtml(highlight)}</strong>`) : html}</p>`;
    })
    .join("");
  return `<!doctype html><html lang="${escapeHtml(locale)}"><body style="font-family:sans-serif">${body}</body></html>`;
}
