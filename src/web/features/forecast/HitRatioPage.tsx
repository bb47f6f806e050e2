// /quotes/hit-ratio: per rep for a period, quotes won ÷ quotes decided in count and in value, the
// average days from sending to decision, and each rep's open and stale quotes (open past their
// decision month), which link to the quotes list filtered on them.
import { Anchor, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { mapFieldErrors } from "../../api/problems.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { formatCents } from "../../i18n/format.js";
import { todayInAmsterdam } from "../quotes/months.js";
import { QuotesNav } from "../quotes/QuotesNav.js";
import { type HitRatio, useHitRatio } from "./forecast.api.js";
import { DateField } from "../../components/DateField.js";

const percent = (ratio: number | null) => (ratio === null ? "—" : `${new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 1 }).format(ratio * 100)} %`);
const days = (value: number | null) => (value === null ? "—" : new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 1 }).format(value));
const right = { textAlign: "right" as const, whiteSpace: "nowrap" as const };

export function HitRatioPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const today = todayInAmsterdam();
  const from = params.get("from") || `${today.slice(0, 4)}-01-01`;
  const to = params.get("to") || today;
  const update = useCallback(
    (key: string, value: string) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (value === "") next.delete(key);
          else next.set(key, value);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const report = useHitRatio(from, to);
  const problems = mapFieldErrors(t, report.error, ["from", "to"]).byField;

  return (
    <Stack>
      <QuotesNav />
      <Title order={1}>{t("forecast.hitRatio.title")}</Title>
      <Text size="sm" c="dimmed">
        {t("forecast.hitRatio.intro")}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <DateField label={t("forecast.hitRatio.from")} value={from} error={problems.from} onChange={(v) => update("from", v)} />
        <DateField label={t("forecast.hitRatio.to")} value={to} error={problems.to} onChange={(v) => update("to", v)} />
      </SimpleGrid>
      {report.isError && Object.keys(problems).length === 0 && <ErrorAlert error={report.error} reveal={false} />}
      {report.isPending ? <PageLoader /> : report.data ? <RatioTable report={report.data} /> : null}
    </Stack>
  );
}

function RatioTable({ report }: { report: HitRatio }) {
  const { t } = useTranslation();
  if (report.reps.length === 0) return <Text c="dimmed">{t("forecast.hitRatio.none")}</Text>;
  // Click-through: the quotes decided in the period with that outcome (of the rep, or of everyone).
  const decided = (status: "won" | "lost" | "withdrawn", count: number, repId: number | null) => {
    if (count === 0) return 0;
    const params = new URLSearchParams({ scope: "all", status, decidedFrom: report.from, decidedTo: report.to });
    if (repId !== null) params.set("rep", String(repId));
    return (
      <Anchor component={Link} to={`/quotes?${params.toString()}`} size="sm">
        {count}
      </Anchor>
    );
  };
  const cells = (r: HitRatio["total"], repId: number | null) => (
    <>
      <Table.Td style={right}>{decided("won", r.won, repId)}</Table.Td>
      <Table.Td style={right}>{decided("lost", r.lost, repId)}</Table.Td>
      <Table.Td style={right}>{decided("withdrawn", r.withdrawn, repId)}</Table.Td>
      <Table.Td style={right}>{percent(r.ratioCount)}</Table.Td>
      <Table.Td style={right}>{formatCents(r.wonCents)}</Table.Td>
      <Table.Td style={right}>{formatCents(r.lostCents)}</Table.Td>
      <Table.Td style={right}>{percent(r.ratioValue)}</Table.Td>
      <Table.Td style={right}>{days(r.averageDaysToDecision)}</Table.Td>
    </>
  );
  const columns = ["won", "lost", "withdrawn", "ratioCount", "wonValue", "lostValue", "ratioValue", "days", "open", "stale"];
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("forecast.hitRatio.columns.rep")}</Table.Th>
            {columns.map((c) => (
              <Table.Th key={c} style={right}>
                {t(`forecast.hitRatio.columns.${c}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.reps.map((r) => (
            <Table.Tr key={r.rep.id}>
              <Table.Th scope="row" fw={500}>
                {r.rep.name}
              </Table.Th>
              {cells(r, r.rep.id)}
              <Table.Td style={right}>
                {r.openQuotes > 0 ? (
                  <Anchor component={Link} to={`/quotes?scope=all&status=draft&status=sent&rep=${r.rep.id}`} size="sm">
                    {r.openQuotes}
                  </Anchor>
                ) : (
                  0
                )}
              </Table.Td>
              <Table.Td style={right}>
                {r.staleQuotes > 0 ? (
                  <Group justify="flex-end" gap={4}>
                    <Anchor component={Link} to={`/quotes?scope=all&rep=${r.rep.id}&stale=true`} size="sm" c="orange" fw={700}>
                      {t("forecast.hitRatio.staleLink", { count: r.staleQuotes })}
                    </Anchor>
                  </Group>
                ) : (
                  0
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row">{t("forecast.hitRatio.total")}</Table.Th>
            {cells(report.total, null)}
            <Table.Td style={right}>{report.reps.reduce((s, r) => s + r.openQuotes, 0)}</Table.Td>
            <Table.Td style={right}>{report.reps.reduce((s, r) => s + r.staleQuotes, 0)}</Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
