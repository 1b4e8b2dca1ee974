"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { idField } from "@/lib/fields";
import { formError, type FormState } from "@/lib/form-state";
import { deleteDepartment, NOT_EMPTY_MESSAGE } from "@/server/admin/delete-department";
import { FORBIDDEN_MESSAGE, NOT_FOUND_MESSAGE, postmasterAction } from "@/server/admin/postmaster-action";
import { saveDepartment } from "@/server/admin/save-department";

const optionalId = z
  .string()
  .trim()
  .max(64, "Invalid id.")
  .optional()
  .transform((v) => v || null);

const saveSchema = z.object({
  id: optionalId,
  name: z
    .string({ error: "Enter a department name." })
    .trim()
    .min(1, "Enter a department name.")
    .max(200, "A department name has at most 64 characters."),
  parentId: optionalId,
});

export const saveDepartmentAction = postmasterAction("department.save", saveSchema, async (data, { user, meta }): Promise<FormState> => {
  const result = await saveDepartment({ actorId: user.id, id: data.id, name: data.name, parentId: data.parentId }, meta);
  if (result.ok) redirect(`/admin/departments?notice=${data.id ? "saved" : "created"}`);
  if (result.error === "invalid")
    return {
      status: "error",
      fieldErrors: result.fieldErrors,
      values: { name: data.name, parentId: data.parentId ?? "" },
      attempt: Date.now(),
    };
  return formError(result.error === "not_found" ? NOT_FOUND_MESSAGE : FORBIDDEN_MESSAGE);
});

export const deleteDepartmentAction = postmasterAction(
  "department.delete",
  z.object({ id: idField }),
  async (data, { user, meta }): Promise<FormState> => {
    const result = await deleteDepartment({ actorId: user.id, id: data.id }, meta);
    if (result.ok) redirect("/admin/departments?notice=deleted");
    return formError(
      result.error === "not_empty" ? NOT_EMPTY_MESSAGE : result.error === "not_found" ? NOT_FOUND_MESSAGE : FORBIDDEN_MESSAGE,
    );
  },
);
