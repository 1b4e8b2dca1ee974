/**
 * What every form may say, whatever the action (src/web/actions/create-action.ts).
 * src/lib/messages is the one home of user-facing text: the translation catalog of the reach work.
 */
export const ACTION_MESSAGES = {
  busy: "The service is busy. Please try again in a moment.",
  unreadableForm: "This form could not be read. Reload the page and try again. Nothing was changed.",
  unexpected: "Something went wrong on our side. Nothing was changed; please try again.",
  unreadableText: "Remove the control characters or unreadable characters from this field.",
} as const;

/** The domain-management console's refusals. */
export const ADMIN_MESSAGES = {
  forbidden: "Only the postmaster of this domain can do this. Nothing was changed.",
  notFound: "This item does not exist in your domain. Nothing was changed.",
  ownAccount: "You cannot reset your own password here. Change it on Account Security > Change Password.",
  postmasterAccount:
    "This is a postmaster account: its password and sessions are managed by the cloud operator in the Email Console. Nothing was changed.",
  departmentNotEmpty: "Only an empty department can be deleted: move its accounts and sub-departments first.",
} as const;
