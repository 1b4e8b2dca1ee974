import { readFile } from "node:fs/promises";
import type * as DMMF from "@prisma/dmmf";
import { getDMMF } from "@prisma/get-dmmf";

/**
 * Prisma's own model of prisma/schema.prisma (readPrismaSchema: the DMMF from
 * @prisma/get-dmmf, the WASM module `prisma generate` runs), mapped to the
 * shape the drift checker reads; what the checker cannot judge throws.
 */

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
