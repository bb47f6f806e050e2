// Status history, class history and the audit trail of a relation, newest first (as the API sends them).
import { List, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { RelationDetail } from "../../api/types.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { formatInstant } from "../../i18n/format.js";
import { useAuditSentence } from "./audit-values.js";
import { useRelationAudit } from "./relations.api.js";

function Empty() {
  const { t } = useTranslation();
  return <Text c="dimmed">{t("relation.noHistory")}</Text>;
}

/** One change of a history table: when, what changed (already worded), why, and by whom. */
interface HistoryRow {
  id: number;
  changedAt: string;
  change: string;
  reason: string | null;
  changedBy: { name: string } | null;
}

function HistoryTable({ rows }: { rows: HistoryRow[] }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <Empty />;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("relation.history.date")}</Table.Th>
            <Table.Th>{t("relation.history.change")}</Table.Th>
            <Table.Th>{t("relation.history.reason")}</Table.Th>
            <Table.Th>{t("relation.history.by")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((h) => (
            <Table.Tr key={h.id}>
              <Table.Td>{formatInstant(h.changedAt)}</Table.Td>
              <Table.Td>{h.change}</Table.Td>
              <Table.Td style={{ whiteSpace: "pre-wrap" }}>{h.reason ?? ""}</Table.Td>
              <Table.Td>{h.changedBy?.name ?? ""}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function StatusHistory({ history }: { history: RelationDetail["statusHistory"] }) {
  const { t } = useTranslation();
  const status = (s: string | null) => (s === null ? t("common.empty") : t(`status.${s}`, { defaultValue: s }));
  return <HistoryTable rows={history.map((h) => ({ ...h, change: `${status(h.fromStatus)} → ${status(h.toStatus)}` }))} />;
}

export function ClassHistory({ history }: { history: RelationDetail["classHistory"] }) {
  const { t } = useTranslation();
  const cls = (c: string | null) => (c === null ? t("accountClass.none") : t(`accountClass.${c}`, { defaultValue: c }));
  const override = ` (${t("relation.history.override")})`;
  return <HistoryTable rows={history.map((h) => ({ ...h, change: `${cls(h.fromClass)} → ${cls(h.toClass)}${h.override ? override : ""}` }))} />;
}

/** The change log as sentences, newest first: "27-11-2026 10:30 — Anna de Vries veranderde …". */
export function AuditTrail({ relationId }: { relationId: number }) {
  const { t } = useTranslation();
  const sentence = useAuditSentence();
  const audit = useRelationAudit(relationId);
  if (audit.isPending) return <PageLoader />;
  if (audit.isError) return <ErrorAlert error={audit.error} />;
  if (audit.data.length === 0) return <Empty />;
  return (
    <List spacing="xs" listStyleType="none" aria-label={t("relation.audit")}>
      {audit.data.map((a) => (
        <List.Item key={a.id}>
          <Text size="sm" style={{ overflowWrap: "anywhere" }}>
            <Text span c="dimmed" size="sm">
              <time dateTime={a.at}>{formatInstant(a.at)}</time>
            </Text>{" "}
            {sentence(a)}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
