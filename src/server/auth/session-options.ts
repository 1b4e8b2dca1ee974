import type { SessionOptions } from "iron-session";
import { getEnv } from "@/env";
import { cookieName } from "@/lib/cookies";
import { SESSION_POLICY, type SessionKind } from "./session-policy";

/**
 * iron-session options. The secret map makes rotation possible: the current
 * SESSION_SECRET seals, SESSION_SECRET_PREVIOUS (comma-separated, newest
 * first) still unseal. Add old secrets at the front of that list only.
 */
export function passwordMap(): Record<number, string> {
  const env = getEnv();
  const previous =
    env.SESSION_SECRET_PREVIOUS?.split(",")
      .map((s) => s.trim())
      .filter(Boolean) ?? [];
  const map: Record<number, string> = { [previous.length + 1]: env.SESSION_SECRET };
  previous.forEach((secret, i) => {
    map[previous.length - i] = secret;
  });
  return map;
}

export function sessionOptions(kind: SessionKind, secure: boolean): SessionOptions {
  const policy = SESSION_POLICY[kind];
  return {
    cookieName: cookieName(policy.cookieName, secure),
    password: passwordMap(),
    ttl: Math.ceil(policy.maxAgeMs / 1000),
    cookieOptions: { httpOnly: true, sameSite: policy.sameSite, secure, path: "/" },
  };
}
