import { z } from "zod";
import { MAX_PASSWORD_INPUT_BYTES } from "@/lib/password-policy";

/** Shared zod field schemas: every input has a length cap and a clear message. */
export const emailField = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "An email address has at most 254 characters.")
  .pipe(z.email({ error: "Enter a valid email address, e.g. name@example.com." }));

/** Passwords are never trimmed; the policy module judges them, this only caps the size. */
export const passwordInput = (label = "a password") =>
  z
    .string({ error: `Enter ${label}.` })
    .min(1, `Enter ${label}.`)
    .refine((v) => new TextEncoder().encode(v).length <= MAX_PASSWORD_INPUT_BYTES, "Passwords have at most 64 characters.");

export const captchaInput = z.string().trim().max(16, "Enter the code shown in the image.").optional().default("");

export const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("1"), z.literal("")])
  .optional()
  .transform((v) => v === "on" || v === "true" || v === "1");

export const idField = z.string().trim().min(1, "Missing id.").max(64, "Invalid id.");
