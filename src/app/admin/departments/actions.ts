"use server";
import { z } from "zod";
import { departmentNameErrors } from "@/lib/departments";
import { idField } from "@/lib/fields";
import { fieldErrors, formError, goTo } from "@/lib/form-state";
import { deleteDepartment } from "@/server/admin/delete-department";
import { saveDepartment } from "@/server/admin/save-department";
import { postmaster } from "@/web/actions/action-guards";
import { createAction } from "@/web/actions/create-action";
import { translateFieldErrors } from "@/web/i18n";
import { messageKey } from "@/lib/message-ref";

const optionalId = z
  .union([z.literal(""), idField])
  .optional()
  .transform((v) => v || null);

const saveSchema = z.object({
  id: optionalId,
  name: z
    .string({ error: messageKey("Admin.departments.errors.nameRequired") })
    .trim()
    .superRefine((name, ctx) =>
      departmentNameErrors(name)?.forEach((ref) => ctx.addIssue({ code: "custom", message: ref.key, params: ref.values })),
    ),
  parentId: optionalId,
});

/** What each refusal of a department action says (catalog keys). */
const REFUSALS = {
  not_found: "Admin.errors.notFound",
  not_empty: "Admin.errors.departmentNotEmpty",
} as const;

/** DEPTs & Users > Departments: create, rename or move (one form). */
export const saveDepartmentAction = createAction({
  name: "department.save",
  guard: postmaster,
  schema: saveSchema,
  run: async (data, { pm, meta, t }) => {
    const result = await saveDepartment({ postmaster: pm, id: data.id, name: data.name, parentId: data.parentId }, meta);
    if (result.ok) return goTo(`/admin/departments?notice=${data.id ? "saved" : "created"}`);
    if (result.error === "invalid")
      return fieldErrors(translateFieldErrors(t, result.fieldErrors), { name: data.name, parentId: data.parentId ?? "" });
    return formError(t(REFUSALS[result.error]));
  },
});

export const deleteDepartmentAction = createAction({
  name: "department.delete",
  guard: postmaster,
  schema: z.object({ id: idField }),
  run: async (data, { pm, meta, t }) => {
    const result = await deleteDepartment({ postmaster: pm, id: data.id }, meta);
    if (result.ok) return goTo("/admin/departments?notice=deleted");
    return formError(t(REFUSALS[result.error]));
  },
});
