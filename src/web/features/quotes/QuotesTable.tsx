// Quotes as a table: number with revision, relation, rep, total, chance, decision month, status.
// Open quotes past their decision month (stale) say so in words. A list of cards on a phone.
import { Anchor, Group } from "@mantine/core";
import { type Column, ResponsiveTable } from "../../components/ResponsiveTable.js";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatCents } from "../../i18n/format.js";
import { formatMonth } from "./months.js";
import { QuoteStatusBadge, StaleBadge } from "./QuoteBadges.js";
import type { QuoteSummary } from "./quotes.api.js";

interface Props {
  rows: readonly QuoteSummary[];
  /** Hidden on a relation's own page, where every row is that relation. */
  showRelation?: boolean;
}

export function QuotesTable({ rows, showRelation = true }: Props) {
  const { t } = useTranslation();
  const columns: Column<QuoteSummary>[] = [
    {
      key: "number",
      label: t("quotes.columns.number"),
      render: (q) => (
        <>
          <Anchor component={Link} to={`/quotes/${q.id}`} fw={500} size="sm">
            {q.number}
          </Anchor>
          {q.title && <div style={{ fontSize: "var(--mantine-font-size-xs)", color: "var(--mantine-color-dimmed)", overflowWrap: "anywhere" }}>{q.title}</div>}
        </>
      ),
    },
    ...(showRelation
      ? [
          {
            key: "relation",
            label: t("quotes.columns.relation"),
            wide: true,
            render: (q: QuoteSummary) => (
              <Anchor component={Link} to={`/relations/${q.relation.id}`} size="sm" style={{ overflowWrap: "anywhere" }}>
                {q.relation.name}
              </Anchor>
            ),
          },
        ]
      : []),
    { key: "rep", label: t("quotes.columns.rep"), render: (q) => q.rep.name },
    { key: "total", label: t("quotes.columns.total"), numeric: true, render: (q) => formatCents(q.totalCents) },
    { key: "probability", label: t("quotes.columns.probability"), numeric: true, render: (q) => `${q.probability} %` },
    { key: "decisionMonth", label: t("quotes.columns.decisionMonth"), render: (q) => <span style={{ whiteSpace: "nowrap" }}>{formatMonth(q.decisionMonth)}</span> },
    {
      key: "status",
      label: t("quotes.columns.status"),
      render: (q) => (
        <Group gap={4}>
          <QuoteStatusBadge status={q.status} />
          {q.stale && <StaleBadge />}
        </Group>
      ),
    },
  ];
  return <ResponsiveTable rows={rows} columns={columns} rowKey={(q) => q.id} label={t("quotes.title")} minWidth={820} />;
}
