import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import type * as DMMF from "@prisma/dmmf";
import { getDMMF } from "@prisma/get-dmmf";
import { Client, type ClientBase } from "pg";

/**
 * Helpers for tests/integration/schema-drift.test.ts and migrations.test.ts:
 *
 *  - temporary databases on the test server (createTempDatabase);
 *  - Prisma's own model of prisma/schema.prisma (readPrismaSchema: the DMMF
 *    from @prisma/get-dmmf, the WASM module `prisma generate` runs), mapped to
 *    the checker's shape; what the checker cannot judge throws;
 *  - a checker (checkSchemaDrift) comparing that model with a live
 *    database through information_schema / pg_catalog, the way Prisma's
 *    migration engine would generate it for PostgreSQL.
 */

// ---------------------------------------------------------------------------
// Temporary databases

export interface TempDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/**
 * Creates an empty database next to the one `adminUrl` points at. Returns null
 * when the server cannot give us a separate database: CREATE DATABASE fails,
 * or (embedded PGlite) it "succeeds" but every connection still lands in the
 * one and only database.
 */
export async function createTempDatabase(adminUrl: string, prefix: string): Promise<TempDatabase | null> {
  const name = `${prefix}_${Date.now()}_${randomBytes(4).toString("hex")}`.toLowerCase();
  try {
    await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  } catch {
    return null;
  }
  const drop = () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  const url = withDatabase(adminUrl, name);
  let actual: string | undefined;
  try {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      actual = (await c.query<{ db: string }>("SELECT current_database() AS db")).rows[0]?.db;
    } finally {
      await c.end();
    }
  } catch {
    actual = undefined;
  }
  if (actual !== name) {
    await drop().catch(() => undefined);
    return null;
  }
  return { name, url, drop };
}

/** Whether createTempDatabase works on this server (creates and drops a probe database). */
export async function canCreateTempDatabases(adminUrl: string): Promise<boolean> {
  const db = await createTempDatabase(adminUrl, "probe");
  if (!db) return false;
  await db.drop();
  return true;
}

// ---------------------------------------------------------------------------
// Prisma's own model of schema.prisma (the DMMF), in the shape the checker reads

export type Value =
  | { kind: "string"; value: string }
  | { kind: "number"; value: string }
  | { kind: "ident"; name: string }
  | { kind: "call"; name: string; args: string[] }
  | { kind: "list"; items: Value[] };

export interface EnumDef {
  name: string;
  dbName: string;
  values: Array<{ name: string; dbName: string }>;
}

export interface RelationDef {
  name?: string;
  fields?: string[];
  references?: string[];
  onDelete?: string;
  onUpdate?: string;
  map?: string;
}

export interface FieldDef {
  model: string;
  name: string;
  type: string;
  kind: "scalar" | "enum" | "object";
  isList: boolean;
  isOptional: boolean;
  column: string;
  id?: { map?: string };
  unique?: { map?: string };
  default?: Value;
  updatedAt: boolean;
  native?: { name: string; args: string[] };
  relation?: RelationDef;
}

export interface IndexField {
  name: string;
  sort: "Asc" | "Desc";
  /** An operator class named in the schema (`ops: raw("gin_trgm_ops")`), else the type's default. */
  opclass?: string;
}
export interface IndexDef {
  fields: IndexField[];
  map?: string;
  /** btree unless the schema says otherwise (`type: Gin`). */
  method?: "btree" | "gin";
}

export interface ModelDef {
  name: string;
  table: string;
  fields: FieldDef[];
  primaryKey?: { fields: string[]; map?: string };
  uniques: IndexDef[];
  indexes: IndexDef[];
}

export interface PrismaSchema {
  enums: EnumDef[];
  models: ModelDef[];
}

type DmmfField = DMMF.Field;

/** A DMMF default as the checker's Value: enum values and booleans as identifiers, functions as calls. */
function defaultValue(field: DmmfField, raw: unknown): Value {
  if (Array.isArray(raw)) return { kind: "list", items: raw.map((item) => defaultValue(field, item)) };
  if (raw && typeof raw === "object" && "name" in raw) {
    const call = raw as { name: string; args: unknown[] };
    return { kind: "call", name: call.name, args: call.args.map(String) };
  }
  if (typeof raw === "boolean") return { kind: "ident", name: String(raw) };
  if (typeof raw === "number") return { kind: "number", value: String(raw) };
  if (typeof raw === "string") return field.kind === "enum" ? { kind: "ident", name: raw } : { kind: "string", value: raw };
  throw new Error(`${field.name}: @default ${JSON.stringify(raw)} is not understood by the drift checker`);
}

/**
 * Prisma's own reading of a schema (getDMMF, the WASM module `prisma
 * generate` uses), mapped to what checkSchemaDrift compares. What the
 * checker cannot judge (another index algorithm, a fulltext index, a field
 * kind beyond scalar/enum/relation) throws instead of being skipped. Fields
 * Prisma leaves out of its model (@ignore, Unsupported) leave their column
 * unexplained, which the checker reports as drift.
 */
export function schemaFromPrisma(datamodel: string): PrismaSchema {
  const dmmf = getDMMF({ datamodel });
  if (!("datamodel" in dmmf)) throw new Error(`Prisma could not read the schema (${dmmf.type}: ${dmmf.reason}) ${String(dmmf.error)}`);
  const { enums, models, indexes } = dmmf.datamodel;
  for (const ix of indexes) {
    // GIN is understood with an operator class on every field (the trigram search indexes).
    const gin = ix.algorithm === "Gin" && ix.fields.every((f) => f.operatorClass);
    if (ix.type === "fulltext" || (ix.algorithm && ix.algorithm !== "BTree" && !gin)) {
      throw new Error(
        `model ${ix.model}: a ${ix.type} index${ix.algorithm ? ` using ${ix.algorithm}` : ""} is not understood by the drift checker`,
      );
    }
  }
  return {
    enums: enums.map((e) => ({
      name: e.name,
      dbName: e.dbName ?? e.name,
      values: e.values.map((v) => ({ name: v.name, dbName: v.dbName ?? v.name })),
    })),
    models: models.map((m): ModelDef => {
      const own = indexes.filter((ix) => ix.model === m.name);
      const fieldIndex = (type: string, field: string) =>
        own.find((ix) => ix.type === type && ix.isDefinedOnField && ix.fields[0]?.name === field);
      const blockIndexes = (type: string): IndexDef[] =>
        own
          .filter((ix) => ix.type === type && !ix.isDefinedOnField)
          .map((ix) => ({
            fields: ix.fields.map((f) => ({
              name: f.name,
              sort: f.sortOrder === "desc" ? "Desc" : "Asc",
              ...(f.operatorClass ? { opclass: f.operatorClass } : {}),
            })),
            map: ix.dbName ?? undefined,
            method: ix.algorithm === "Gin" ? "gin" : "btree",
          }));
      const fields = m.fields.map((f): FieldDef => {
        if (f.kind !== "scalar" && f.kind !== "enum" && f.kind !== "object")
          throw new Error(`${m.name}.${f.name}: a ${f.kind} field is not understood by the drift checker`);
        const id = f.isId ? fieldIndex("id", f.name) : undefined;
        const unique = f.isUnique ? fieldIndex("unique", f.name) : undefined;
        return {
          model: m.name,
          name: f.name,
          type: f.type,
          kind: f.kind,
          isList: f.isList,
          isOptional: !f.isRequired,
          column: f.dbName ?? f.name,
          id: f.isId ? { map: id?.dbName ?? undefined } : undefined,
          unique: f.isUnique ? { map: unique?.dbName ?? undefined } : undefined,
          default: f.hasDefaultValue ? defaultValue(f, f.default) : undefined,
          updatedAt: f.isUpdatedAt ?? false,
          native: f.nativeType ? { name: f.nativeType[0], args: [...f.nativeType[1]] } : undefined,
          relation:
            f.kind === "object"
              ? {
                  name: f.relationName ?? undefined,
                  fields: f.relationFromFields?.length ? [...f.relationFromFields] : undefined,
                  references: f.relationToFields?.length ? [...f.relationToFields] : undefined,
                  onDelete: f.relationOnDelete ?? undefined,
                  onUpdate: (f as { relationOnUpdate?: string }).relationOnUpdate ?? undefined,
                }
              : undefined,
        };
      });
      const pk = own.find((ix) => ix.type === "id" && !ix.isDefinedOnField);
      return {
        name: m.name,
        table: m.dbName ?? m.name,
        fields,
        primaryKey: pk ? { fields: pk.fields.map((f) => f.name), map: pk.dbName ?? undefined } : undefined,
        uniques: blockIndexes("unique"),
        indexes: blockIndexes("normal"),
      };
    }),
  };
}

export async function readPrismaSchema(file: string): Promise<PrismaSchema> {
  return schemaFromPrisma(await readFile(file, "utf8"));
}

// ---------------------------------------------------------------------------
// Drift checker

const MAX_IDENTIFIER = 63; // PostgreSQL's NAMEDATALEN - 1

/** Prisma's default constraint/index names ("<table>_<columns>_<suffix>", truncated like Prisma does). */
function defaultName(table: string, columns: string[], suffix: "pkey" | "key" | "idx" | "fkey"): string {
  let base = suffix === "pkey" ? table : `${table}_${columns.join("_")}`;
  const tail = `_${suffix}`;
  if (base.length > MAX_IDENTIFIER - tail.length) base = base.slice(0, MAX_IDENTIFIER - tail.length);
  return base + tail;
}

const ACTION_CODES: Record<string, string> = { Cascade: "c", Restrict: "r", NoAction: "a", SetNull: "n", SetDefault: "d" };
const ACTION_NAMES: Record<string, string> = { c: "Cascade", r: "Restrict", a: "NoAction", n: "SetNull", d: "SetDefault" };

function expectedType(field: FieldDef, where: string): string {
  const n = field.native;
  const args = n?.args ?? [];
  const withArgs = (base: string) => (args.length ? `${base}(${args.join(",")})` : base);
  const bad = (): never => {
    throw new Error(`${where}: @db.${n?.name} on ${field.type} is not understood by the drift checker`);
  };
  switch (field.type) {
    case "String":
      if (!n) return "text";
      if (n.name === "Text") return "text";
      if (n.name === "VarChar") return withArgs("character varying");
      if (n.name === "Char") return withArgs("character");
      if (n.name === "Uuid") return "uuid";
      if (n.name === "Citext") return "citext";
      if (n.name === "Inet") return "inet";
      return bad();
    case "Int":
      if (!n || n.name === "Integer") return "integer";
      if (n.name === "SmallInt") return "smallint";
      return bad();
    case "BigInt":
      if (!n || n.name === "BigInt") return "bigint";
      return bad();
    case "Boolean":
      if (!n || n.name === "Boolean") return "boolean";
      return bad();
    case "DateTime":
      if (!n) return "timestamp(3) without time zone";
      if (n.name === "Timestamp") return `timestamp(${args[0] ?? 3}) without time zone`;
      if (n.name === "Timestamptz") return `timestamp(${args[0] ?? 3}) with time zone`;
      if (n.name === "Date") return "date";
      return bad();
    case "Json":
      if (!n || n.name === "JsonB") return "jsonb";
      if (n.name === "Json") return "json";
      return bad();
    case "Float":
      if (!n || n.name === "DoublePrecision") return "double precision";
      if (n.name === "Real") return "real";
      return bad();
    case "Decimal":
      if (!n) return "numeric(65,30)";
      if (n.name === "Decimal") return withArgs("numeric");
      return bad();
    case "Bytes":
      if (!n || n.name === "ByteA") return "bytea";
      return bad();
    default:
      throw new Error(`${where}: no column type for ${field.type}`);
  }
}

type DefaultExpectation =
  | { kind: "none" }
  | { kind: "any"; why: string }
  | { kind: "now" }
  | { kind: "sequence" }
  | { kind: "literal"; value: string; numeric: boolean }
  | { kind: "list"; values: string[] };

function expectedDefault(field: FieldDef, enums: Map<string, EnumDef>, where: string): DefaultExpectation {
  const v = field.default;
  if (!v) return { kind: "none" };
  const scalar = (item: Value): string => {
    if (item.kind === "string") return item.value;
    if (item.kind === "number") return item.value;
    if (item.kind === "ident") {
      if (field.kind === "enum") {
        const value = enums.get(field.type)?.values.find((e) => e.name === item.name);
        if (!value) throw new Error(`${where}: @default(${item.name}) is not a value of enum ${field.type}`);
        return value.dbName;
      }
      if (field.type === "Boolean" && (item.name === "true" || item.name === "false")) return item.name;
    }
    throw new Error(`${where}: @default value ${JSON.stringify(item)} is not understood by the drift checker`);
  };
  const numeric = ["Int", "BigInt", "Float", "Decimal"].includes(field.type);
  if (v.kind === "call") {
    switch (v.name) {
      case "now":
        return { kind: "now" };
      case "autoincrement":
        return { kind: "sequence" };
      case "cuid":
      case "uuid":
      case "nanoid":
      case "ulid":
        return { kind: "none" }; // generated by the client, not by the database
      case "dbgenerated":
        return { kind: "any", why: "dbgenerated(...)" };
      default:
        throw new Error(`${where}: @default(${v.name}()) is not understood by the drift checker`);
    }
  }
  if (v.kind === "list") {
    if (!field.isList) throw new Error(`${where}: list default on a non-list field`);
    return { kind: "list", values: v.items.map(scalar) };
  }
  if (field.isList) throw new Error(`${where}: scalar default on a list field`);
  return { kind: "literal", value: scalar(v), numeric };
}

/** Removes trailing casts and wrapping parentheses: `'x'::text` → `'x'`, `(-1)` → `-1`. */
function stripCasts(expr: string): string {
  let s = expr.trim();
  for (;;) {
    const next = s
      .replace(/::\s*(?:"[^"]+"|[a-z_][a-z0-9_ ]*)(?:\(\d+(?:,\s*\d+)?\))?(?:\[\])*$/i, "")
      .trim()
      .replace(/^\((.*)\)$/s, "$1")
      .trim();
    if (next === s) return s;
    s = next;
  }
}

function sqlLiteralValue(expr: string): string {
  const s = stripCasts(expr);
  const m = /^'((?:[^']|'')*)'$/s.exec(s);
  return m ? m[1].replace(/''/g, "'") : s;
}

/** Splits `a, 'b,c', d` at top-level commas. */
function splitSqlList(inner: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (const ch of inner) {
    if (ch === "'") quoted = !quoted;
    if (ch === "," && !quoted) {
      out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

function describeExpected(d: DefaultExpectation): string {
  switch (d.kind) {
    case "none":
      return "no default";
    case "any":
      return `a default (${d.why})`;
    case "now":
      return "CURRENT_TIMESTAMP";
    case "sequence":
      return "nextval(<sequence>)";
    case "literal":
      return JSON.stringify(d.value);
    case "list":
      return `ARRAY[${d.values.map((v) => JSON.stringify(v)).join(", ")}]`;
  }
}

function defaultMatches(d: DefaultExpectation, actual: string | null): boolean {
  if (d.kind === "none") return actual === null;
  if (actual === null) return false;
  switch (d.kind) {
    case "any":
      return true;
    case "now":
      return /^(now\(\)|CURRENT_TIMESTAMP(\(\d\))?)$/i.test(stripCasts(actual));
    case "sequence":
      return /^nextval\(/i.test(actual.trim());
    case "literal": {
      const value = sqlLiteralValue(actual);
      if (d.numeric) return value.trim() !== "" && Number(value) === Number(d.value);
      return value === d.value;
    }
    case "list": {
      const m = /^ARRAY\[(.*)\]$/is.exec(stripCasts(actual));
      if (!m) return actual.trim() === "'{}'" || /^'\{\}'::/.test(actual.trim()) ? d.values.length === 0 : false;
      const items = splitSqlList(m[1]).map(sqlLiteralValue);
      return items.length === d.values.length && items.every((v, i) => v === d.values[i]);
    }
  }
}

interface DbColumn {
  table_name: string;
  column_name: string;
  is_nullable: "YES" | "NO";
  data_type: string;
  udt_name: string;
  column_default: string | null;
  formatted_type: string;
}
interface DbIndex {
  table_name: string;
  index_name: string;
  is_unique: boolean;
  is_primary: boolean;
  method: string;
  is_partial: boolean;
  columns: Array<string | null>;
  options: number[];
  opclasses: string[];
  key_count: number;
}
interface DbConstraint {
  table_name: string;
  name: string;
  type: "p" | "f";
  columns: string[];
  ref_table: string | null;
  ref_columns: string[] | null;
  on_delete: string;
  on_update: string;
}

const IGNORED_TABLES = new Set(["_prisma_migrations"]);

const q = (s: string) => `"${s}"`;
const cols = (c: ReadonlyArray<string | null>) => `(${c.map((x) => (x === null ? "<expression>" : q(x))).join(", ")})`;

/**
 * Compares `schema` with the `public` schema of the database behind `db` and
 * returns one readable message per difference (empty when they agree).
 */
export async function checkSchemaDrift(db: ClientBase, schema: PrismaSchema): Promise<string[]> {
  const problems: string[] = [];
  const enums = new Map(schema.enums.map((e) => [e.name, e]));
  const models = new Map(schema.models.map((m) => [m.name, m]));

  const tables = (
    await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )
  ).rows.map((r) => r.table_name);
  const columns = (
    await db.query<DbColumn>(
      `SELECT c.table_name, c.column_name, c.is_nullable, c.data_type, c.udt_name, c.column_default,
              format_type(a.atttypid, a.atttypmod) AS formatted_type
         FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
         JOIN pg_catalog.pg_attribute a ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass AND a.attname = c.column_name
        WHERE c.table_schema = 'public'
        ORDER BY c.table_name, c.ordinal_position`,
    )
  ).rows;
  const dbEnums = new Map<string, string[]>();
  for (const r of (
    await db.query<{ name: string; label: string }>(
      `SELECT t.typname AS name, e.enumlabel AS label
         FROM pg_catalog.pg_type t
         JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
         JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid
        WHERE n.nspname = 'public'
        ORDER BY t.typname, e.enumsortorder`,
    )
  ).rows) {
    dbEnums.set(r.name, [...(dbEnums.get(r.name) ?? []), r.label]);
  }
  const indexes = (
    await db.query<DbIndex>(
      `SELECT t.relname AS table_name, i.relname AS index_name, ix.indisunique AS is_unique, ix.indisprimary AS is_primary,
              am.amname AS method, ix.indpred IS NOT NULL AS is_partial, ix.indnkeyatts AS key_count,
              ARRAY(SELECT a.attname::text
                      FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                      LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum AND k.attnum <> 0
                     ORDER BY k.ord) AS columns,
              ix.indoption::int2[] AS options,
              ARRAY(SELECT opc.opcname::text
                      FROM unnest(ix.indclass::oid[]) WITH ORDINALITY c(oid, ord)
                      JOIN pg_catalog.pg_opclass opc ON opc.oid = c.oid
                     ORDER BY c.ord) AS opclasses
         FROM pg_catalog.pg_index ix
         JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid
         JOIN pg_catalog.pg_class t ON t.oid = ix.indrelid
         JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
         JOIN pg_catalog.pg_am am ON am.oid = i.relam
        WHERE n.nspname = 'public'
        ORDER BY t.relname, i.relname`,
    )
  ).rows;
  const constraints = (
    await db.query<DbConstraint>(
      `SELECT t.relname AS table_name, con.conname AS name, con.contype AS type,
              ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                      JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
              rt.relname AS ref_table,
              CASE WHEN con.contype = 'f' THEN
                ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                        JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord)
              END AS ref_columns,
              con.confdeltype AS on_delete, con.confupdtype AS on_update
         FROM pg_catalog.pg_constraint con
         JOIN pg_catalog.pg_class t ON t.oid = con.conrelid
         JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
         LEFT JOIN pg_catalog.pg_class rt ON rt.oid = con.confrelid
        WHERE n.nspname = 'public' AND con.contype IN ('p', 'f')
        ORDER BY t.relname, con.conname`,
    )
  ).rows;

  // Enums ------------------------------------------------------------------
  for (const e of schema.enums) {
    const labels = dbEnums.get(e.dbName);
    const want = e.values.map((v) => v.dbName);
    if (!labels) problems.push(`enum ${e.name}: type "${e.dbName}" does not exist`);
    else if (JSON.stringify(labels) !== JSON.stringify(want)) {
      problems.push(
        `enum ${e.name}: labels are [${labels.join(", ")}], schema has [${want.join(", ")}] (same values in the same order expected)`,
      );
    }
  }
  const schemaEnumDbNames = new Set(schema.enums.map((e) => e.dbName));
  for (const name of dbEnums.keys()) {
    if (!schemaEnumDbNames.has(name)) problems.push(`enum type "${name}" exists in the database but not in schema.prisma`);
  }

  // Tables -----------------------------------------------------------------
  const schemaTables = new Set(schema.models.map((m) => m.table));
  for (const t of tables) {
    if (!IGNORED_TABLES.has(t) && !schemaTables.has(t)) problems.push(`table "${t}" exists in the database but no model maps to it`);
  }

  for (const model of schema.models) {
    const label = model.table === model.name ? `model ${model.name}` : `model ${model.name} (table "${model.table}")`;
    if (!tables.includes(model.table)) {
      problems.push(`${label}: table "${model.table}" does not exist`);
      continue;
    }
    const fieldsByName = new Map(model.fields.map((f) => [f.name, f]));
    const columnOf = (name: string, what: string): string => {
      const f = fieldsByName.get(name);
      if (!f || f.kind === "object") throw new Error(`${label}: ${what} refers to unknown scalar field ${name}`);
      return f.column;
    };
    const scalarFields = model.fields.filter((f) => f.kind !== "object");
    const tableColumns = columns.filter((c) => c.table_name === model.table);

    // Columns
    for (const field of scalarFields) {
      const where = `${model.name}.${field.name}`;
      const col = tableColumns.find((c) => c.column_name === field.column);
      const colLabel = `${where} (column "${model.table}"."${field.column}")`;
      if (!col) {
        problems.push(`${colLabel}: column does not exist`);
        continue;
      }
      if (field.kind === "enum") {
        const e = enums.get(field.type)!;
        const wantData = field.isList ? "ARRAY" : "USER-DEFINED";
        const wantUdt = field.isList ? `_${e.dbName}` : e.dbName;
        if (col.data_type !== wantData || col.udt_name !== wantUdt) {
          problems.push(
            `${colLabel}: type is ${col.formatted_type} (${col.data_type}/${col.udt_name}), schema expects enum "${e.dbName}"${field.isList ? "[]" : ""}`,
          );
        }
      } else {
        const want = expectedType(field, where) + (field.isList ? "[]" : "");
        if (col.formatted_type !== want) problems.push(`${colLabel}: type is ${col.formatted_type}, schema expects ${want}`);
      }
      // Prisma Migrate creates scalar-list columns without NOT NULL even when
      // the field is required (prisma/prisma#4729, #26425), and its differ
      // does not treat list nullability as drift, so either is accepted.
      if (!field.isList) {
        const nullable = col.is_nullable === "YES";
        if (nullable !== field.isOptional) {
          problems.push(
            `${colLabel}: column is ${nullable ? "nullable" : "NOT NULL"}, schema says ${field.isOptional ? "optional (nullable)" : "required (NOT NULL)"}`,
          );
        }
      }
      const wantDefault = field.updatedAt && !field.default ? ({ kind: "none" } as const) : expectedDefault(field, enums, where);
      if (!defaultMatches(wantDefault, col.column_default)) {
        problems.push(`${colLabel}: default is ${col.column_default ?? "none"}, schema expects ${describeExpected(wantDefault)}`);
      }
    }
    const known = new Set(scalarFields.map((f) => f.column));
    for (const c of tableColumns) {
      if (!known.has(c.column_name))
        problems.push(`${label}: column "${c.column_name}" (${c.formatted_type}) exists in the database but not in the model`);
    }

    // Primary key
    const idFields = model.fields.filter((f) => f.id);
    if (idFields.length > 1) throw new Error(`${label}: more than one @id`);
    const pk = model.primaryKey
      ? { columns: model.primaryKey.fields.map((n) => columnOf(n, "@@id")), map: model.primaryKey.map }
      : idFields[0]
        ? { columns: [idFields[0].column], map: idFields[0].id!.map }
        : null;
    const dbPk = constraints.find((c) => c.table_name === model.table && c.type === "p");
    if (!pk) {
      if (dbPk) problems.push(`${label}: has primary key ${dbPk.name} ${cols(dbPk.columns)} but the model has no @id/@@id`);
    } else if (!dbPk) {
      problems.push(`${label}: primary key ${cols(pk.columns)} is missing`);
    } else {
      if (JSON.stringify(dbPk.columns) !== JSON.stringify(pk.columns)) {
        problems.push(`${label}: primary key is ${cols(dbPk.columns)}, schema expects ${cols(pk.columns)}`);
      }
      const wantName = pk.map ?? defaultName(model.table, pk.columns, "pkey");
      if (dbPk.name !== wantName) problems.push(`${label}: primary key is named "${dbPk.name}", expected "${wantName}"`);
    }

    // Unique constraints and indexes (the primary key's index is checked above)
    type Wanted = {
      unique: boolean;
      columns: string[];
      desc: boolean[];
      name: string;
      what: string;
      method?: "btree" | "gin";
      /** Operator classes the schema names (null: the column type's default). */
      opclasses?: Array<string | null>;
    };
    const wanted: Wanted[] = [];
    for (const f of scalarFields.filter((x) => x.unique)) {
      wanted.push({
        unique: true,
        columns: [f.column],
        desc: [false],
        name: f.unique!.map ?? defaultName(model.table, [f.column], "key"),
        what: `@unique on ${f.name}`,
      });
    }
    for (const u of model.uniques) {
      const c = u.fields.map((x) => columnOf(x.name, "@@unique"));
      wanted.push({
        unique: true,
        columns: c,
        desc: u.fields.map((x) => x.sort === "Desc"),
        name: u.map ?? defaultName(model.table, c, "key"),
        what: `@@unique([${u.fields.map((x) => x.name).join(", ")}])`,
      });
    }
    for (const ix of model.indexes) {
      const c = ix.fields.map((x) => columnOf(x.name, "@@index"));
      wanted.push({
        unique: false,
        columns: c,
        desc: ix.fields.map((x) => x.sort === "Desc"),
        name: ix.map ?? defaultName(model.table, c, "idx"),
        what: `@@index([${ix.fields.map((x) => x.name).join(", ")}])`,
        method: ix.method,
        opclasses: ix.fields.map((x) => x.opclass ?? null),
      });
    }
    const tableIndexes = indexes.filter((i) => i.table_name === model.table && !i.is_primary);
    const matched = new Set<DbIndex>();
    for (const w of wanted) {
      const sameShape = (i: DbIndex) =>
        !matched.has(i) && i.is_unique === w.unique && JSON.stringify(i.columns.slice(0, i.key_count)) === JSON.stringify(w.columns);
      const hit = tableIndexes.find((i) => sameShape(i) && i.index_name === w.name) ?? tableIndexes.find(sameShape);
      if (!hit) {
        const byName = tableIndexes.find((i) => i.index_name === w.name);
        problems.push(
          byName
            ? `${label}: ${w.what} expects ${w.unique ? "a unique" : "an"} index "${w.name}" on ${cols(w.columns)}, but "${w.name}" is ${byName.is_unique ? "unique" : "non-unique"} on ${cols(byName.columns)}`
            : `${label}: ${w.what} expects ${w.unique ? "a unique" : "an"} index on ${cols(w.columns)} ("${w.name}"), none found`,
        );
        if (byName) matched.add(byName);
        continue;
      }
      matched.add(hit);
      if (hit.index_name !== w.name)
        problems.push(`${label}: ${w.what}: index on ${cols(w.columns)} is named "${hit.index_name}", expected "${w.name}"`);
      const method = w.method ?? "btree";
      if (hit.method !== method) problems.push(`${label}: ${w.what}: index "${hit.index_name}" uses ${hit.method}, expected ${method}`);
      (w.opclasses ?? []).forEach((opclass, k) => {
        if (opclass && hit.opclasses[k] !== opclass)
          problems.push(`${label}: ${w.what}: index "${hit.index_name}" uses operator class ${hit.opclasses[k]}, expected ${opclass}`);
      });
      if (hit.is_partial) problems.push(`${label}: ${w.what}: index "${hit.index_name}" is partial (has a WHERE clause)`);
      if (hit.columns.length !== hit.key_count) problems.push(`${label}: ${w.what}: index "${hit.index_name}" has INCLUDE columns`);
      const desc = hit.options.slice(0, hit.key_count).map((o) => (o & 1) === 1);
      if (JSON.stringify(desc) !== JSON.stringify(w.desc))
        problems.push(`${label}: ${w.what}: index "${hit.index_name}" column sort order differs from the schema`);
    }
    for (const i of tableIndexes) {
      if (!matched.has(i))
        problems.push(
          `${label}: ${i.is_unique ? "unique " : ""}index "${i.index_name}" on ${cols(i.columns)} exists in the database but not in the schema`,
        );
    }

    // Foreign keys
    const dbFks = constraints.filter((c) => c.table_name === model.table && c.type === "f");
    const matchedFks = new Set<DbConstraint>();
    for (const rf of model.fields.filter((f) => f.kind === "object" && f.relation?.fields)) {
      const rel = rf.relation!;
      const target = models.get(rf.type)!;
      const targetFields = new Map(target.fields.map((f) => [f.name, f]));
      const fkCols = rel.fields!.map((n) => columnOf(n, `@relation on ${rf.name}`));
      const refCols = rel.references!.map((n) => {
        const f = targetFields.get(n);
        if (!f || f.kind === "object") throw new Error(`${label}: @relation on ${rf.name} references unknown field ${target.name}.${n}`);
        return f.column;
      });
      const onDelete = rel.onDelete ?? (rf.isOptional ? "SetNull" : "Restrict");
      const onUpdate = rel.onUpdate ?? "Cascade";
      const name = rel.map ?? defaultName(model.table, fkCols, "fkey");
      const what = `relation ${model.name}.${rf.name} -> ${target.name}`;
      const fk = dbFks.find((c) => !matchedFks.has(c) && JSON.stringify(c.columns) === JSON.stringify(fkCols));
      if (!fk) {
        problems.push(`${label}: ${what}: foreign key ${cols(fkCols)} -> "${target.table}"${cols(refCols)} ("${name}") is missing`);
        continue;
      }
      matchedFks.add(fk);
      if (fk.ref_table !== target.table || JSON.stringify(fk.ref_columns) !== JSON.stringify(refCols)) {
        problems.push(
          `${label}: ${what}: foreign key "${fk.name}" references "${fk.ref_table}"${cols(fk.ref_columns ?? [])}, schema expects "${target.table}"${cols(refCols)}`,
        );
      }
      if (fk.on_delete !== ACTION_CODES[onDelete]) {
        problems.push(
          `${label}: ${what}: foreign key "${fk.name}" is ON DELETE ${ACTION_NAMES[fk.on_delete] ?? fk.on_delete}, schema expects onDelete: ${onDelete}${rel.onDelete ? "" : " (Prisma's default)"}`,
        );
      }
      if (fk.on_update !== ACTION_CODES[onUpdate]) {
        problems.push(
          `${label}: ${what}: foreign key "${fk.name}" is ON UPDATE ${ACTION_NAMES[fk.on_update] ?? fk.on_update}, schema expects onUpdate: ${onUpdate}${rel.onUpdate ? "" : " (Prisma's default)"}`,
        );
      }
      if (fk.name !== name) problems.push(`${label}: ${what}: foreign key is named "${fk.name}", expected "${name}"`);
    }
    for (const fk of dbFks) {
      if (!matchedFks.has(fk))
        problems.push(
          `${label}: foreign key "${fk.name}" ${cols(fk.columns)} -> "${fk.ref_table}"${cols(fk.ref_columns ?? [])} exists in the database but not in the schema`,
        );
    }
  }
  return problems;
}
