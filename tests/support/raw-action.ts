import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * A server action as raw bytes, for the e2e specs that must send exactly them (replayed cookies,
 * hand-made forms, another server) and for `npm run bench -- http`: the action id from the production build's
 * manifest, the form encoded the way React encodes one for useActionState, and a client's cookies.
 */
const root = path.resolve(import.meta.dirname, "../..");

/** The "redirect" state in an action's answer (goTo, reloadAt: src/web/actions/navigate.ts). */
export const REDIRECT_STATE = /"status":"redirect","to":"([^"]+)"/;

/** Where an action's answer sends the browser: redirect()'s X-Action-Redirect header (a guard's), or its "redirect" state. */
export function redirectTarget(header: string | null | undefined, text: string): string | null {
  return header?.split(";")[0] || REDIRECT_STATE.exec(text)?.[1] || null;
}

export function actionId(exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(root, ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName: string }>;
  };
  const found = Object.entries(manifest.node).find(([, a]) => a.exportedName === exportedName);
  if (!found) throw new Error(`no server action named ${exportedName} in the build`);
  return found[0];
}

/** An action's form fields as React posts them: each as "_1_<field>", then [prevState, "$K1"]. */
export function actionFormEntries(fields: Record<string, string>): Array<[string, string]> {
  return [...Object.entries(fields).map(([k, v]): [string, string] => [`_1_${k}`, v]), ["0", '[{"status":"idle"},"$K1"]']];
}

/** The cookies of one client, as a browser keeps them (a Set-Cookie with no value or Max-Age=0 deletes). */
export class CookieJar {
  private readonly values = new Map<string, string>();
  take(setCookies: string[]): void {
    for (const line of setCookies) {
      const pair = line.split(";")[0];
      const name = pair.slice(0, pair.indexOf("="));
      const value = pair.slice(pair.indexOf("=") + 1);
      if (!value || /;\s*max-age=0/i.test(line)) this.values.delete(name);
      else this.values.set(name, value);
    }
  }
  get(name: string): string | undefined {
    return this.values.get(name);
  }
  header(): string {
    return [...this.values].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}
