// Before every npm command that runs the app or its build (pre* scripts in package.json):
// a supported Node.js, then a Prisma client no older than the schema (npm may skip postinstall).
// Plain JavaScript: it must run on any Node, to say which one it needs.
import { execSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";

checkNode();

const client = "src/generated/prisma/client.ts";
const schema = "prisma/schema.prisma";
if (!existsSync(client) || statSync(client).mtimeMs < statSync(schema).mtimeMs) {
  execSync("npx prisma generate", { stdio: "inherit", env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false" } });
}

/** package.json's engines.node: "^A.B.C" and ">=A.B.C" ranges joined by "||". */
function checkNode() {
  const range = JSON.parse(readFileSync("package.json", "utf8")).engines.node;
  const have = process.versions.node.split(".").map(Number);
  const atLeast = (want) => {
    for (let i = 0; i < 3; i++) if (have[i] !== want[i]) return have[i] > want[i];
    return true;
  };
  const ok = range.split("||").some((part) => {
    const m = /^\s*(\^|>=)(\d+)\.(\d+)\.(\d+)\s*$/.exec(part);
    if (!m) throw new Error(`package.json engines.node: cannot read "${part.trim()}"`);
    const want = [Number(m[2]), Number(m[3]), Number(m[4])];
    return atLeast(want) && (m[1] === ">=" || have[0] === want[0]);
  });
  if (ok) return;
  const pinned = readFileSync(".node-version", "utf8").trim();
  console.error(`Postkey needs a supported Node.js LTS (${range}); this is Node.js ${process.version}.
Node.js 20 and older no longer get security fixes. To install Node.js ${pinned} (.node-version) for this shell:

  export PATH="$(bash scripts/install-node.sh):$PATH"
`);
  process.exit(1);
}
