// ESLint (flat config): TypeScript, React hooks, Next.js, and the layering of
// docs/architecture.md enforced as import rules. Prettier owns the formatting.
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import prettier from "eslint-config-prettier";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import fs from "node:fs";
import path from "node:path";
import tseslint from "typescript-eslint";

/**
 * One layer's forbidden imports: alias paths (gitignore patterns), or `{ regex }` for a layer that lists
 * what it may import instead; `import type` stays allowed where said.
 */
const pattern = (forbidden, message, allowTypeImports = false) => ({
  ...(Array.isArray(forbidden) ? { group: forbidden } : forbidden),
  message,
  allowTypeImports,
});
/** `also`: more forbidden patterns for the same files (flat config replaces a rule's options, never merges them). */
const layer = (files, forbidden, message, allowTypeImports = false, also = []) => ({
  files,
  rules: {
    "@typescript-eslint/no-restricted-imports": ["error", { patterns: [pattern(forbidden, message, allowTypeImports), ...also] }],
  },
});

/**
 * The domain's front door: in each src/server/<area>/, the entry points a page or an action calls sit at the
 * top and the helpers in <area>/internal/. Routes, the web layer and components call entry points only (a
 * helper's types stay importable); an area of src/server reaches into its own internal/ alone, but for the
 * few helpers another area shares, named here.
 */
const INTERNAL_MESSAGE = "Call the area's entry point (src/server/<area>/*.ts); <area>/internal/ is the area's own.";
const noInternal = pattern(["@/server/*/internal/*"], INTERNAL_MESSAGE, true);
const SHARED_INTERNAL = {
  // The secure-mobile binding's pending code: the postmaster's and the operator's removals drop it too.
  admin: ["account-security/internal/binding-rules"],
  console: ["account-security/internal/binding-rules"],
  // Two-step settings are a card of Account Security: the same signed-in owner, re-checked the same way.
  "two-step": ["account-security/internal/account-context"],
};
const SERVER_FORBIDDEN = ["@/web/*", "@/app/*", "@/components/*", "next", "next/*", "next-intl", "next-intl/*", "@/i18n/request"];
const SERVER_MESSAGE = "The domain core knows nothing of Next.js or of the web layer: take what you need as a parameter.";
const serverAreas = fs
  .readdirSync("src/server", { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const otherAreasInternal = (area) => ({
  regex: String.raw`^@/server/(?!${[`${area}/`, ...(SHARED_INTERNAL[area] ?? []).map((m) => `${m}$`)].join("|")})[^/]+/internal/`,
});

const NO_USE_ACTION_STATE = {
  name: "react",
  importNames: ["useActionState"],
  message: "Call the action through useFormAction (@/components/use-form-action).",
};
const ACTION_ENDS = "An action returns where the browser goes (goTo, redrawAt, reloadAt from @/lib/form-state); createAction ends it.";

/** Refuses an import of src/runtime (by `@/runtime`, or a relative path into it): static, dynamic, or a re-export. */
const RUNTIME_DIR = path.resolve("src/runtime");
const noRuntimeImport = {
  meta: { type: "problem", schema: [], messages: { runtime: "src/runtime runs Next; code that Next bundles does not import it." } },
  create(context) {
    const check = (source) => {
      if (source?.type !== "Literal" || typeof source.value !== "string") return;
      const target = source.value.startsWith(".") ? path.resolve(path.dirname(context.filename), source.value) : source.value;
      if (/^@\/runtime(\/|$)/.test(target) || target === RUNTIME_DIR || target.startsWith(RUNTIME_DIR + path.sep))
        context.report({ node: source, messageId: "runtime" });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
    };
  },
};

export default tseslint.config(
  {
    ignores: [
      ".next/",
      ".data/",
      "node_modules/",
      "src/generated/",
      "test-results/",
      "playwright-report/",
      "bench/results/",
      "next-env.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  { files: ["src/**/*.tsx"], ...reactHooks.configs.flat["recommended-latest"] },
  { files: ["src/**"], ...nextPlugin.configs["core-web-vitals"] },

  // Layers (docs/architecture.md):
  // src/lib        pure and isomorphic: nothing of the app, nothing of Next.js
  layer(
    ["src/lib/**"],
    ["@/server/*", "@/web/*", "@/app/*", "@/components/*", "next", "next/*"],
    "src/lib is pure: it imports nothing of the app and nothing of Next.js.",
  ),
  // src/server     the domain core: never Next.js, never the web layer, the routes or the components
  layer(["src/server/**"], SERVER_FORBIDDEN, SERVER_MESSAGE, false, [
    pattern({ regex: String.raw`^@/server/[^/]+/internal/` }, INTERNAL_MESSAGE, true),
  ]),
  //                and each area reaches into its own internal/ only (and the shared helpers named above)
  ...serverAreas.map((area) =>
    layer([`src/server/${area}/**`], SERVER_FORBIDDEN, SERVER_MESSAGE, false, [
      pattern(otherAreasInternal(area), `${INTERNAL_MESSAGE} (src/server/${area} may use its own internal/ only)`, true),
    ]),
  ),
  // src/i18n       next-intl's request config, the catalogs' loader and formats: never the routes, components or domain core
  layer(["src/i18n/**"], ["@/app/*", "@/components/*", "@/server/*"], "src/i18n decides the language and loads the catalog; nothing more."),
  // src/web        Next.js adapters (requests, cookies, sessions, the action factory): never the routes or the components
  layer(["src/web/**"], ["@/app/*", "@/components/*"], "The web layer serves the routes; it does not import them.", false, [noInternal]),
  // src/components React: no server module but its types, no web adapter, no route
  layer(
    ["src/components/**"],
    ["@/server/*", "@/web/*", "@/app/*"],
    "Components get data and actions as props: import server modules for their types only.",
    true,
    [noInternal],
  ),
  // src/app        routes: anything above, but a domain area through its entry points only
  layer(["src/app/**"], ["@/server/*/internal/*"], INTERNAL_MESSAGE, true),
  // src/runtime    the app's process around Next's handler (its HTTP server, action guard, memory settings): it
  //                starts Next and never imports what Next bundles. Allowed, and nothing more: src/lib, the
  //                observability and lifecycle modules of src/server, src/env.ts and src/proxy-helpers.ts.
  layer(
    ["src/runtime/**"],
    { regex: String.raw`^\.\./|^@/(?!(lib|runtime|server/observability)/|(server/lifecycle|env|proxy-helpers)$)` },
    "src/runtime runs Next; it uses src/lib, src/server/{lifecycle,observability}, src/env and src/proxy-helpers only.",
  ),
  // bench/         measures the app as it runs: shared test helpers come from tests/support, never from the e2e suite
  layer(["bench/**"], ["**/e2e/*"], "bench/ does not import the e2e suite: what both need lives in tests/support."),

  // src/runtime is the other way round too: it runs Next, and nothing Next bundles (the rest of src/) imports it;
  // scripts/, tests and bench/ may. A rule of its own, so that it adds to the layers' no-restricted-imports
  // above instead of replacing their options (flat config does not merge them).
  {
    files: ["src/**"],
    ignores: ["src/runtime/**"],
    plugins: { postkey: { rules: { "no-runtime-import": noRuntimeImport } } },
    rules: { "postkey/no-runtime-import": "error" },
  },

  // One way into an interactive transaction: transaction(fn) of src/server/db.ts owns the after-commit queue
  // (a log line or metric of an audit event runs only once the event is stored). Prisma's $transaction with a
  // function would run those at once, before the commit; its array form (a batch) stays allowed.
  // And message keys in schemas typed: messageKey("…"), never a bare string. (One no-restricted-syntax for
  // both: flat config replaces, not merges, a rule's options across matching blocks.)
  {
    files: ["src/**/*.ts", "src/**/*.tsx", "tests/**/*.ts", "e2e/**/*.ts", "bench/**/*.ts", "scripts/**/*.ts"],
    ignores: ["src/server/db.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "CallExpression[callee.property.name='$transaction'] > :matches(ArrowFunctionExpression, FunctionExpression).arguments:first-child",
          message: "Use transaction(fn) from @/server/db: it runs afterCommit's queue after the commit, never on rollback.",
        },
        // A catalog key written as a plain string in a schema is never checked against the catalogs.
        {
          selector: String.raw`Property[key.name=/^(error|message)$/] > Literal.value[value=/^[A-Z][A-Za-z]+(\.[A-Za-z0-9]+)+$/]`,
          message: 'A message key goes through messageKey("…") (src/lib/message-ref.ts), so a wrong key does not compile.',
        },
        {
          selector: String.raw`CallExpression[callee.property.name=/^(min|max|length|regex|refine|nonempty|email|startsWith|endsWith|includes)$/] > Literal.arguments[value=/^[A-Z][A-Za-z]+(\.[A-Za-z0-9]+)+$/]`,
          message: 'A message key goes through messageKey("…") (src/lib/message-ref.ts), so a wrong key does not compile.',
        },
      ],
    },
  },

  // One way to end an action (docs/architecture.md): a form calls its action through useFormAction, which
  // follows the action's "redirect" state, so no form can forget to. (Core no-restricted-imports: the
  // layers use typescript-eslint's, and flat config replaces a rule's options across matching blocks.)
  {
    files: ["src/components/**", "src/app/**"],
    ignores: ["src/components/use-form-action.ts"],
    rules: { "no-restricted-imports": ["error", { paths: [NO_USE_ACTION_STATE] }] },
  },
  // And an action returns where the browser goes (goTo, redrawAt, reloadAt); createAction turns it into
  // the answer (src/web/actions/navigate.ts). Pages and guards may still redirect().
  {
    files: ["src/app/**/*actions.ts", "src/app/**/_actions/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            NO_USE_ACTION_STATE,
            { name: "next/navigation", importNames: ["redirect", "permanentRedirect"], message: ACTION_ENDS },
            { name: "next/cache", importNames: ["refresh"], message: ACTION_ENDS },
            { name: "@/web/actions/navigate", message: ACTION_ENDS },
          ],
        },
      ],
    },
  },

  // Files a newcomer can read through: none in src/ over 300 lines (CONVENTIONS.md, "Names and size").
  // Prisma's generated client is not ours.
  {
    files: ["src/**/*.ts", "src/**/*.tsx"],
    ignores: ["src/generated/**"],
    rules: { "max-lines": ["error", { max: 300, skipBlankLines: false, skipComments: false }] },
  },

  prettier,
);
