// A relation's requirements as read: hard ones first and marked, the kind and whether they will pay.
import { Badge, Group, List, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { hardFirst, type Requirement } from "../../../domain/requirements.js";

export function RequirementBadges({ requirements }: { requirements: readonly Requirement[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} data-testid="requirement-badges">
      {hardFirst(requirements).map((r) => (
        <Badge key={r.label} variant={r.hard ? "filled" : "outline"} color={r.hard ? "dark" : "gray"} tt="none" style={{ maxWidth: "100%" }}>
          {r.label}
          {r.hard ? ` · ${t("requirement.hard")}` : ""}
          {r.kind === "supplier" ? ` · ${t("requirement.kind.supplier")}` : ""}
          {r.willingToPay !== "unknown" ? ` · ${t(`requirement.pays.${r.willingToPay}`)}` : ""}
        </Badge>
      ))}
    </Group>
  );
}

/** How the current supplier does against us on the requirements where that is known. */
export function SupplierComparison({ supplier, comparison }: { supplier: string | null; comparison: readonly Requirement[] }) {
  const { t } = useTranslation();
  if (comparison.length === 0) return null;
  return (
    <div data-testid="supplier-comparison">
      <Text size="sm" fw={600}>
        {supplier ? t("requirement.comparisonWith", { supplier }) : t("requirement.comparison")}
      </Text>
      <List size="sm" spacing={2}>
        {comparison.map((r) => (
          <List.Item key={r.label} style={{ overflowWrap: "anywhere" }}>
            <b>{r.label}</b>
            {r.hard ? ` (${t("requirement.hard")})` : ""}: {t(`requirement.theyAre.${r.supplierScore}`)}
            {r.supplierNote ? ` — ${r.supplierNote}` : ""}
          </List.Item>
        ))}
      </List>
    </div>
  );
}
