// The change log as sentences in the UI language. Audit values are stored as the text of the
// column ("prospect", "1", "2027-03-31", "2026-11-20T09:30:00.000Z", user ids); here they become
// what the user reads elsewhere ("Prospect", "Ja", "31-03-2027", "20-11-2026 10:30", names — the
// server names the ids in oldName/newName).
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { AuditLine } from "../../api/types.js";
import { formatCents, formatDate, formatInstant } from "../../i18n/format.js";

/** Fields whose value is a code, and the text group that names it (per entity where it differs). */
function codeGroup(entity: string, field: string): string | null {
  if (field === "status") return entity === "quote" ? "quotes.status" : entity === "follow_up" ? "audit.followUpStatus" : "status";
  if (field === "created" && entity === "activity") return "activities.kind";
  if (field === "kind") return entity === "activity" ? "activities.kind" : "kind";
  const groups: Record<string, string> = { account_class: "accountClass", legal_form: "legalForm", gender: "gender", sales_method: "activities.salesMethod" };
  return groups[field] ?? null;
}

const BOOLEAN_FIELDS = new Set(["class_override", "active", "mailing_consent"]);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

export function auditValue(t: TFunction, line: Pick<AuditLine, "entity" | "field">, value: string | null, name?: string | null): string {
  if (name) return name;
  if (value === null || value === "") return "";
  const { entity, field } = line;
  const group = codeGroup(entity, field);
  if (group) return t(`${group}.${value}`, { defaultValue: value });
  if (field.startsWith("consent.")) return t(`consent.state.${value.split(" ")[0]}`, { defaultValue: value });
  if (BOOLEAN_FIELDS.has(field)) return value === "1" || value === "true" ? t("common.yes") : t("common.no");
  if (field.endsWith("_cents") && /^-?\d+$/.test(value)) return formatCents(Number(value));
  if ((field === "win_chance" || field === "probability") && /^\d+$/.test(value)) return `${value} %`;
  if (ISO_INSTANT.test(value)) return formatInstant(value);
  if (ISO_DATE.test(value)) return formatDate(value);
  const month = ISO_MONTH.exec(value);
  if (month && field.endsWith("month")) return `${t(`audit.months.${Number(month[2])}`)} ${month[1]}`;
  if (field === "dmu_roles") {
    return value
      .split(",")
      .filter(Boolean)
      .map((r) => t(`dmu.${r}`, { defaultValue: r }))
      .join(", ");
  }
  if (field === "product_interests" || field === "requirements") {
    try {
      const list = JSON.parse(value) as unknown;
      // Requirements are kept with their details (domain/requirements.ts); the label says which.
      return Array.isArray(list) ? list.map((item: unknown) => (typeof item === "object" && item !== null && "label" in item ? String(item.label) : String(item))).join(", ") : value;
    } catch {
      return value;
    }
  }
  return value;
}

/** The label of a field; fields of contact moments, follow-ups and quotes have their own words. */
export function auditField(t: TFunction, entity: string, field: string): string {
  const own = t(`audit.entityFields.${entity}.${field}`, { defaultValue: "" });
  if (own) return own;
  if (field.startsWith("consent.")) return `${t("audit.consent")} ${t(`consent.purpose.${field.slice("consent.".length)}`, { defaultValue: field })}`.trim();
  return t(`audit.fields.${field}`, { defaultValue: field.replaceAll("_", " ") });
}

/** "Anna de Vries veranderde Plaats van de relatie van Amsterdam in Utrecht." */
export function auditSentence(t: TFunction, line: AuditLine): string {
  const user = line.user?.name ?? t("audit.system");
  const entity = t(`audit.entityThe.${line.entity}`, { defaultValue: t("audit.entityThe.record") });
  const field = auditField(t, line.entity, line.field);
  const oldValue = auditValue(t, line, line.oldValue, line.oldName);
  const newValue = auditValue(t, line, line.newValue, line.newName);
  const special = ["created", "merged", "erased", "attachment", "imported", "revision"];
  if (special.includes(line.field)) return t(`audit.sentence.${line.field}`, { user, entity, old: oldValue, new: newValue });
  if (oldValue === "") return t("audit.sentence.set", { user, entity, field, new: newValue });
  if (newValue === "") return t("audit.sentence.cleared", { user, entity, field, old: oldValue });
  return t("audit.sentence.changed", { user, entity, field, old: oldValue, new: newValue });
}

export function useAuditSentence(): (line: AuditLine) => string {
  const { t } = useTranslation();
  return (line) => auditSentence(t, line);
}
