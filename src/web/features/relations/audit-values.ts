// Audit values are stored as text of the column ("prospect", "1", "2027-03-31", user ids); here
// they become what the user reads elsewhere on the page ("Prospect", "Ja", "31-03-2027", names).
import { useTranslation } from "react-i18next";
import { useRayons, useUsers } from "../../api/reference.js";
import { formatCents, formatDate } from "../../i18n/format.js";

const TRANSLATED: Record<string, string> = {
  status: "status",
  account_class: "accountClass",
  kind: "kind",
  legal_form: "legalForm",
  gender: "gender",
};

export function useAuditValue(): (field: string, value: string | null) => string {
  const { t } = useTranslation();
  const users = useUsers();
  const rayons = useRayons();
  return (field, value) => {
    if (value === null) return "";
    const group = TRANSLATED[field];
    if (group) return t(`${group}.${value}`, { defaultValue: value });
    switch (field) {
      case "class_override":
      case "active":
        return value === "1" || value === "true" ? t("common.yes") : t("common.no");
      case "revenue_potential_cents":
        return /^\d+$/.test(value) ? formatCents(Number(value)) : value;
      case "contract_end_date":
      case "left_on":
        return formatDate(value);
      case "owner_id":
        return users.data?.find((u) => String(u.id) === value)?.name ?? value;
      case "rayon_id":
        return rayons.data?.find((r) => String(r.id) === value)?.name ?? value;
      case "dmu_roles":
        return value
          .split(",")
          .filter(Boolean)
          .map((r) => t(`dmu.${r}`, { defaultValue: r }))
          .join(", ");
      case "product_interests":
        try {
          const list = JSON.parse(value) as unknown;
          return Array.isArray(list) ? list.join(", ") : value;
        } catch {
          return value;
        }
      default:
        return value;
    }
  };
}
