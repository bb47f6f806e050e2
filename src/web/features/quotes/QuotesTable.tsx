// Quotes as a table: number with revision, relation, rep, total, chance, decision month, status.
// Open quotes past their decision month (stale) are highlighted and say so in words.
import { Anchor, Group, Table } from "@mantine/core";
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
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("quotes.columns.number")}</Table.Th>
            {showRelation && <Table.Th>{t("quotes.columns.relation")}</Table.Th>}
            <Table.Th>{t("quotes.columns.rep")}</Table.Th>
            <Table.Th style={{ textAlign: "right" }}>{t("quotes.columns.total")}</Table.Th>
            <Table.Th style={{ textAlign: "right" }}>{t("quotes.columns.probability")}</Table.Th>
            <Table.Th>{t("quotes.columns.decisionMonth")}</Table.Th>
            <Table.Th>{t("quotes.columns.status")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((q) => (
            <Table.Tr key={q.id} bg={q.stale ? "var(--mantine-color-orange-light)" : undefined}>
              <Table.Td>
                <Anchor component={Link} to={`/quotes/${q.id}`} fw={500}>
                  {q.number}
                </Anchor>
                {q.title && <div style={{ fontSize: "var(--mantine-font-size-xs)", color: "var(--mantine-color-dimmed)" }}>{q.title}</div>}
              </Table.Td>
              {showRelation && (
                <Table.Td>
                  <Anchor component={Link} to={`/relations/${q.relation.id}`} size="sm">
                    {q.relation.name}
                  </Anchor>
                </Table.Td>
              )}
              <Table.Td>{q.rep.name}</Table.Td>
              <Table.Td style={{ textAlign: "right", whiteSpace: "nowrap" }}>{formatCents(q.totalCents)}</Table.Td>
              <Table.Td style={{ textAlign: "right" }}>{q.probability} %</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{formatMonth(q.decisionMonth)}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <QuoteStatusBadge status={q.status} />
                  {q.stale && <StaleBadge />}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
