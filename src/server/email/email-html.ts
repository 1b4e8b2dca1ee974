/** An email's HTML body: its plain-text paragraphs, escaped; `highlight` (a code) shown larger where it appears. */
export function emailHtml(locale: string, paragraphs: string[], highlight?: string): string {
  const escape = (s: string) =>
    s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
  const body = paragraphs
    .map((p) => {
      const html = escape(p);
      return `<p>${highlight ? html.replace(escape(highlight), `<strong style="font-size:1.25em">${escape(highlight)}</strong>`) : html}</p>`;
    })
    .join("");
  return `<!doctype html><html lang="${escape(locale)}"><body style="font-family:sans-serif">${body}</body></html>`;
}
