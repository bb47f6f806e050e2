import type { Role } from "../../domain/roles.js";

/** The user a request acts for, as resolved from its session cookie or API token. */
export interface AuthUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  profitResponsible: boolean;
  locale: "nl" | "en";
  rayonIds: number[];
}
