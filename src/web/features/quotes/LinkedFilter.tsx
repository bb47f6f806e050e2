// The filter a click-through set on the quotes list (a forecast cell, a hit-ratio row), said in words
// above the list — "In de forecast · beslismaand februari 2027 · product Kantoorschoonmaak" — with a
// button that clears it. These filters have no control of their own: only a link sets them.
import { Button, Group, Paper, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.js";
import { useRayons } from "../../api/reference.js";
import { formatDate } from "../../i18n/format.js";
import { formatMonth } from "./months.js";

type Linked = Record<"forecast" | "decisionFrom" | "decisionTo" | "decidedFrom" | "decidedTo" | "rayon" | "product", string[]>;

function useProductName(id: string | undefined) {
  return useQuery({
    queryKey: ["products", "detail", Number(id)],
    queryFn: ({ signal }) => api.get<{ name: string }>(`/api/products/${id}`, signal),
    enabled: id !== undefined,
    select: (p) => p.name,
  });
}

export function LinkedFilter({ linked, onClear }: { linked: Linked; onClear: () => void }) {
  const { t } = useTranslation();
  const rayons = useRayons();
  const product = useProductName(linked.product[0]);
  const parts: string[] = [];
  if (linked.forecast[0] === "true") parts.push(t("quotes.linked.forecast"));
  const [mFrom, mTo] = [linked.decisionFrom[0], linked.decisionTo[0]];
  if (mFrom || mTo) {
    parts.push(
      mFrom === mTo || !mTo || !mFrom
        ? t("quotes.linked.decisionMonth", { month: formatMonth(mFrom ?? mTo) })
        : t("quotes.linked.decisionMonths", { from: formatMonth(mFrom), to: formatMonth(mTo) }),
    );
  }
  const [dFrom, dTo] = [linked.decidedFrom[0], linked.decidedTo[0]];
  if (dFrom && dTo) parts.push(t("quotes.linked.decided", { from: formatDate(dFrom), to: formatDate(dTo) }));
  else if (dFrom) parts.push(t("quotes.linked.decidedFrom", { from: formatDate(dFrom) }));
  else if (dTo) parts.push(t("quotes.linked.decidedTo", { to: formatDate(dTo) }));
  for (const id of linked.rayon) {
    const name = rayons.data?.find((r) => String(r.id) === id)?.name;
    if (name) parts.push(t("quotes.linked.rayon", { name }));
  }
  if (product.data) parts.push(t("quotes.linked.product", { name: product.data }));
  return (
    <Paper withBorder p="xs" bg="var(--mantine-color-blue-light)">
      <Group justify="space-between" gap="xs">
        <Text size="sm" style={{ overflowWrap: "anywhere", minWidth: 0, flex: 1 }} data-testid="linked-filter">
          {parts.join(" · ")}
        </Text>
        <Button variant="default" size="compact-sm" onClick={onClear}>
          {t("quotes.linked.clear")}
        </Button>
      </Group>
    </Paper>
  );
}
