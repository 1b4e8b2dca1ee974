/** A message catalog, or a part of one. */
export type MessageTree = { [key: string]: string | MessageTree };

/**
 * The parts of `all` named by `paths` ("Admin", "Admin.accounts.bulk"), merged, each under its own keys
 * (so t("accounts.bulk.apply") of useTranslations("Admin") finds it). Never writes to `all`.
 */
export function pickMessages(all: MessageTree, paths: readonly string[]): MessageTree {
  const picked: MessageTree = {};
  // Deepest first: a whole namespace named as well then replaces its parts.
  for (const path of [...paths].sort((a, b) => b.split(".").length - a.split(".").length)) {
    const keys = path.split(".");
    let from: string | MessageTree | undefined = all;
    let to = picked;
    keys.forEach((key, i) => {
      from = typeof from === "object" ? from[key] : undefined;
      if (from === undefined) throw new Error(`No messages at ${path}`);
      if (i === keys.length - 1) to[key] = from;
      else to = (to[key] ??= {}) as MessageTree;
    });
  }
  return picked;
}
