import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import en from "../../messages/en.json";
import zh from "../../messages/zh-CN.json";

type Tree = { [k: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const p = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(p, v);
    else for (const [kk, vv] of leaves(v, p)) out.set(kk, vv);
  }
  return out;
}

/** The ICU arguments and rich-text tags a message uses: both languages must use the same ones. */
function argumentsOf(elements: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) out.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      out.add(el.value);
      for (const opt of Object.values(el.options)) argumentsOf(opt.value, out);
    }
    if (el.type === TYPE.tag) {
      out.add(`<${el.value}>`);
      argumentsOf(el.children, out);
    }
  }
  return out;
}

const EN = leaves(en as Tree);
const ZH = leaves(zh as Tree);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

const ROOT = path.resolve(import.meta.dirname, "../..");
const SOURCES = [...sourceFiles(path.join(ROOT, "src"))].map((f) => readFileSync(f, "utf8"));

/**
 * Keys looked up from data rather than written in the code (an audit action
 * code, a notice from the query string): their namespace is named once here
 * with the list the code draws them from, and those lists must match exactly.
 */
const DYNAMIC_NAMESPACES: string[] = [];

const quoted = (word: string) => new RegExp(`["'\`.]${word.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&")}["'\`:.]`);

/** A key is used when the code names it in full, or names its namespace and its last segment in one file. */
function isUsed(key: string): boolean {
  if (DYNAMIC_NAMESPACES.some((ns) => key.startsWith(`${ns}.`))) return true;
  const segments = key.split(".");
  const last = segments.at(-1)!;
  const namespace = segments[0];
  return SOURCES.some(
    (src) => src.includes(`"${key}"`) || src.includes(`\`${key}`) || (quoted(namespace).test(src) && quoted(last).test(src)),
  );
}

describe("message catalogs (messages/en.json, messages/zh-CN.json)", () => {
  it("have the same keys in both languages", () => {
    expect(
      [...ZH.keys()].filter((k) => !EN.has(k)),
      "only in zh-CN",
    ).toEqual([]);
    expect(
      [...EN.keys()].filter((k) => !ZH.has(k)),
      "only in en",
    ).toEqual([]);
  });

  it("are valid ICU messages with the same arguments and tags in both languages", () => {
    const mismatched: string[] = [];
    for (const [key, text] of EN) {
      const a = [...argumentsOf(parse(text))].sort();
      const b = [...argumentsOf(parse(ZH.get(key) ?? ""))].sort();
      if (a.join() !== b.join()) mismatched.push(`${key}: en {${a}} zh-CN {${b}}`);
    }
    expect(mismatched).toEqual([]);
  });

  it("have no empty message and no English left in the Chinese catalog's sentences", () => {
    const empty = [...EN, ...ZH].filter(([, v]) => !v.trim()).map(([k]) => k);
    expect(empty).toEqual([]);
    // A Chinese sentence may keep names (Postkey, postmaster, SMS) but not be the English text itself.
    const untranslated = [...ZH].filter(([k, v]) => v === EN.get(k) && /[a-z]{4,} [a-z]{4,}/i.test(v)).map(([k]) => k);
    expect(untranslated).toEqual([]);
  });

  it("hold no key that the code never uses", () => {
    expect([...EN.keys()].filter((k) => !isUsed(k))).toEqual([]);
  });
});
