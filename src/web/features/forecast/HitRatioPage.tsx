// /quotes/hit-ratio: per rep for a period, quotes won ÷ quotes decided in count and in value, the
// average days from sending to decision, and each rep's open and stale quotes (open past their
// decision month), which link to the quotes list filtered on them.
import { Anchor, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { type ReactNode, useCallback } from "react";
import { type Column, ResponsiveTable } from "../../components/ResponsiveTable.js";
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
  type Row = HitRatio["reps"][number];
  const column = (key: string, render: (r: Row) => ReactNode): Column<Row> => ({ key, label: t(`forecast.hitRatio.columns.${key}`), numeric: true, render });
  const columns: Column<Row>[] = [
    { key: "rep", label: t("forecast.hitRatio.columns.rep"), render: (r) => r.rep.name },
    column("won", (r) => decided("won", r.won, r.rep.id)),
    column("lost", (r) => decided("lost", r.lost, r.rep.id)),
    column("withdrawn", (r) => decided("withdrawn", r.withdrawn, r.rep.id)),
    column("ratioCount", (r) => percent(r.ratioCount)),
    column("wonValue", (r) => formatCents(r.wonCents)),
    column("lostValue", (r) => formatCents(r.lostCents)),
    column("ratioValue", (r) => percent(r.ratioValue)),
    column("days", (r) => days(r.averageDaysToDecision)),
    column("open", (r) =>
      r.openQuotes > 0 ? (
        <Anchor component={Link} to={`/quotes?scope=all&status=draft&status=sent&rep=${r.rep.id}`} size="sm">
          {r.openQuotes}
        </Anchor>
      ) : (
        0
      ),
    ),
    column("stale", (r) =>
      r.staleQuotes > 0 ? (
        <Anchor component={Link} to={`/quotes?scope=all&rep=${r.rep.id}&stale=true`} size="sm" c="orange" fw={700}>
          {t("forecast.hitRatio.staleLink", { count: r.staleQuotes })}
        </Anchor>
      ) : (
        0
      ),
    ),
  ];
  const total = report.total;
  return (
    <ResponsiveTable
      rows={report.reps}
      columns={columns}
      rowKey={(r) => r.rep.id}
      label={t("forecast.hitRatio.title")}
      minWidth={1000}
      footer={[
        t("forecast.hitRatio.total"),
        decided("won", total.won, null),
        decided("lost", total.lost, null),
        decided("withdrawn", total.withdrawn, null),
        percent(total.ratioCount),
        formatCents(total.wonCents),
        formatCents(total.lostCents),
        percent(total.ratioValue),
        days(total.averageDaysToDecision),
        report.reps.reduce((s, r) => s + r.openQuotes, 0),
        report.reps.reduce((s, r) => s + r.staleQuotes, 0),
      ]}
    />
  );
}
