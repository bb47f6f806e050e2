// Roles of Koers users and what each may do. The CRM is open to every role (continuity when a rep
// is ill or leaves, DOMAIN.md); writing, reviving dead relations, personal-data exports and user
// administration are limited. Sales-figure visibility (margin, other rayons) comes with the VIS.

export const ROLES = ["admin", "sales_manager", "field_sales", "inside_sales", "marketing", "purchasing"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "crm.read",
  "crm.write",
  "relations.revive",
  "persons.export",
  "persons.erase",
  "users.manage",
  "quotes.write",
  "reports.team",
  "sales.import",
  // Drawing rayons from postcode ranges and fixing their sub-areas' days.
  "territories.manage",
  // Editing the company's visit templates (objectives, keywords per visit type and industry).
  "templates.manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  // Sales lines come from the ERP: loading them (and targets) is the manager's and administrator's job.
  sales_manager: ["crm.read", "crm.write", "relations.revive", "persons.export", "quotes.write", "reports.team", "sales.import", "territories.manage", "templates.manage"],
  field_sales: ["crm.read", "crm.write", "quotes.write"],
  inside_sales: ["crm.read", "crm.write", "quotes.write"],
  marketing: ["crm.read", "crm.write", "persons.export"],
  purchasing: ["crm.read"],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
