import type { FormState } from "@/lib/form-state";

/** A server action used with useActionState. */
export type FormAction = (prev: FormState, data: FormData) => Promise<FormState>;
