"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { departmentNameErrors } from "@/lib/departments";
import { idField } from "@/lib/fields";
import { fieldErrors, formError } from "@/lib/form-state";
import { ADMIN_MESSAGES } from "@/lib/messages/common";
import { deleteDepartment } from "@/server/admin/delete-department";
import { saveDepartment } from "@/server/admin/save-department";
import { postmaster } from "@/web/actions/action-guards";
import { createAction } from "@/web/actions/create-action";

const optionalId = z
  .union([z.literal(""), idField])
  .optional()
  .transform((v) => v || null);

const saveSchema = z.object({
  id: optionalId,
  name: z
    .string({ error: "Enter a department name." })
    .trim()
    .superRefine((name, ctx) => departmentNameErrors(name)?.forEach((message) => ctx.addIssue({ code: "custom", message }))),
  parentId: optionalId,
});

const REFUSALS = {
  not_found: ADMIN_MESSAGES.notFound,
  forbidden: ADMIN_MESSAGES.forbidden,
  not_empty: ADMIN_MESSAGES.departmentNotEmpty,
} as const;

/** DEPTs & Users > Departments: create, rename or move (one form). */
export const saveDepartmentAction = createAction({
  name: "department.save",
  guard: postmaster,
  schema: saveSchema,
  run: async (data, { user, meta }) => {
    const result = await saveDepartment({ actorId: user.id, id: data.id, name: data.name, parentId: data.parentId }, meta);
    if (result.ok) redirect(`/admin/departments?notice=${data.id ? "saved" : "created"}`);
    if (result.error === "invalid") return fieldErrors(result.fieldErrors, { name: data.name, parentId: data.parentId ?? "" });
    return formError(REFUSALS[result.error]);
  },
});

export const deleteDepartmentAction = createAction({
  name: "department.delete",
  guard: postmaster,
  schema: z.object({ id: idField }),
  run: async (data, { user, meta }) => {
    const result = await deleteDepartment({ actorId: user.id, id: data.id }, meta);
    if (result.ok) redirect("/admin/departments?notice=deleted");
    return formError(REFUSALS[result.error]);
  },
});
