/** Where a mail logon lands: Change Password when it must, the domain console for a postmaster, else Account Security. */
export function mailLanding(r: { role: string; mustChangePassword: boolean }): string {
  return r.mustChangePassword ? "/account/change-password" : r.role === "POSTMASTER" ? "/admin" : "/account";
}
