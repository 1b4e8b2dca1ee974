import type { AccountRole } from "@/generated/prisma/enums";
/** The demo logons (README "Demo logons"); every password passes the policy through the same module. */
export const DEMO_QUESTIONS = [
  "What was the name of your first pet?",
  "In which city were you born?",
  "What was the name of your primary school?",
] as const;

export const DEMO_OPERATORS = [
  { email: "ops@cloud.example.net", name: "Example Cloud Ops", password: "Cloud#Console2026", domains: ["example.com"] },
  { email: "ops2@cloud.example.net", name: "Second Cloud Ops", password: "Cloud#Console2026", domains: ["example.org"] },
];

export const DEMO_DOMAINS = [
  { name: "example.com", owner: "ops@cloud.example.net", keywords: ["example", "welcome"], departments: ["Engineering", "Sales"] },
  { name: "example.org", owner: "ops2@cloud.example.net", keywords: [], departments: [] },
];

export interface DemoAccount {
  domain: string;
  localPart: string;
  displayName: string;
  role: AccountRole;
  department?: string;
  password: string;
  mobile?: string;
  answers?: [string, string, string];
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  // Postmasters always log on in two steps: theirs is an SMS code to this secure mobile (read it on /dev/sms locally).
  {
    domain: "example.com",
    localPart: "postmaster",
    displayName: "Postmaster",
    role: "POSTMASTER",
    password: "Admin#Domain2026",
    mobile: "+14155550100",
  },
  {
    domain: "example.com",
    localPart: "alice",
    displayName: "Alice Wang",
    role: "EMPLOYEE",
    department: "Engineering",
    password: "Blue#Harbor2026",
    mobile: "+14155550101",
    answers: ["Rex", "Hangzhou", "Sunrise"],
  },
  { domain: "example.com", localPart: "bob", displayName: "Bob Li", role: "EMPLOYEE", department: "Sales", password: "Green#Valley2026" },
  {
    domain: "example.com",
    localPart: "carol",
    displayName: "Carol Chen",
    role: "EMPLOYEE",
    department: "Sales",
    password: "Red#Canyon2026",
    answers: ["Mittens", "Shanghai", "Riverside"],
  },
  {
    domain: "example.com",
    localPart: "dan",
    displayName: "Dan Zhou",
    role: "EMPLOYEE",
    department: "Engineering",
    password: "Gold#Meadow2026",
    mobile: "+14155550104",
  },
  {
    domain: "example.org",
    localPart: "postmaster",
    displayName: "Postmaster",
    role: "POSTMASTER",
    password: "Admin#Domain2026",
    mobile: "+14155550106",
  },
  {
    domain: "example.org",
    localPart: "erin",
    displayName: "Erin Zhao",
    role: "EMPLOYEE",
    password: "Grey#Summit2026",
    mobile: "+14155550105",
  },
];
