// /quotes/forecast: expected revenue and volume per decision month (amount × chance of every open
// quote), by month, rep, rayon or product; optionally beside the forecast as it stood on a past date;
// export to CSV / XLSX. The choices live in the URL, so a link shows the same forecast.
import { Alert, Button, Group, NativeSelect, SegmentedControl, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { addMonths } from "../../../domain/calendar.js";
import { mapFieldErrors } from "../../api/problems.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { currentMonth, todayInAmsterdam } from "../quotes/months.js";
import { QuotesNav } from "../quotes/QuotesNav.js";
import { GROUPINGS, type Forecast, type ForecastQuery, forecastQueryString, type Grouping, useForecast } from "./forecast.api.js";
import { JobProgress } from "../jobs/JobProgress.js";
import { startJob, useJob } from "../jobs/jobs.api.js";
import { formatDate } from "../../i18n/format.js";
import { GroupTable, MonthTable } from "./ForecastTable.js";
import { CSV_DIALECTS, type CsvDialect, fileParams, useCsvDialect } from "../exports/csv-dialect.js";
import { DateField } from "../../components/DateField.js";
import { MonthInput } from "../sales/MonthInput.js";

const ForecastChart = lazy(() => import("./ForecastChart.js"));

function readQuery(params: URLSearchParams): ForecastQuery {
  const from = params.get("from") || currentMonth();
  const by = params.get("by");
  const asOf = params.get("asOf");
  return {
    from,
    to: params.get("to") || (/^\d{4}-\d{2}$/.test(from) ? addMonths(from, 11) : from),
    by: (GROUPINGS as readonly string[]).includes(by ?? "") ? (by as Grouping) : "month",
    ...(asOf ? { asOf } : {}),
  };
}

/**
 * The forecast as it stood on `asOf`: a background job (rebuilding history must not hold the
 * server). The job id is kept in the URL (asOfJob), so a reload follows the same job; a changed
 * period or date clears it and starts a new one.
 */
function usePastForecast(from: string, to: string, asOf: string | undefined, jobParam: string | null, setJob: (id: string) => void) {
  const jobId = jobParam && /^\d+$/.test(jobParam) ? Number(jobParam) : null;
  const job = useJob<Forecast>(jobId);
  const [startError, setStartError] = useState<unknown>(null);
  const wanted = asOf ? `${from}|${to}|${asOf}` : null;
  const requested = useRef<string | null>(null);
  useEffect(() => {
    if (wanted === null || jobId !== null || requested.current === wanted) return;
    requested.current = wanted;
    setStartError(null);
    startJob<Forecast>("/api/forecast/as-of", { from, to, by: "month", asOf }).then(
      (started) => setJob(String(started.id)),
      (error: unknown) => setStartError(error),
    );
  }, [wanted, jobId, from, to, asOf, setJob]);
  const data = job.data?.state === "succeeded" && wanted !== null ? job.data.result : null;
  return { jobId: wanted === null ? null : jobId, data, error: startError ?? job.error ?? null };
}

export function ForecastPage() {
  const { t } = useTranslation();
  const [dialect, setDialect] = useCsvDialect();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => readQuery(params), [params]);
  const update = useCallback(
    (change: Record<string, string>) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          // Another period or date is another past forecast: the job followed so far no longer fits.
          if ("from" in change || "to" in change || "asOf" in change) next.delete("asOfJob");
          for (const [key, value] of Object.entries(change)) {
            if (value === "") next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const { asOf, ...withoutAsOf } = query;
  const current = useForecast(withoutAsOf);
  // The past forecast is compared per month (a past forecast per product is not kept).
  const setJob = useCallback((id: string) => setParams((p) => new URLSearchParams({ ...Object.fromEntries(p), asOfJob: id }), { replace: true }), [setParams]);
  const past = usePastForecast(query.from, query.to, asOf, params.get("asOfJob"), setJob);
  const problems = mapFieldErrors(t, current.error ?? past.error, ["from", "to", "asOf"]).byField;
  const groupLabel = useCallback(
    (key: number | null, name: string | null) => name ?? (key === null ? t(`forecast.none.${query.by}`) : `#${key}`),
    [t, query.by],
  );

  return (
    <Stack>
      <QuotesNav />
      <Title order={1}>{t("forecast.title")}</Title>
      <Text size="sm" c="dimmed">
        {t("forecast.intro")}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <MonthInput label={t("forecast.from")} value={query.from} error={problems.from} onChange={(from) => update({ from })} />
        <MonthInput label={t("forecast.to")} value={query.to} error={problems.to} onChange={(to) => update({ to })} />
        <DateField
          label={t("forecast.asOf")}
          description={t("forecast.asOfHint")}
          value={asOf ?? ""}
          max={todayInAmsterdam()}
          error={problems.asOf}
          onChange={(v) => update({ asOf: v })}
        />
      </SimpleGrid>
      <Group gap="xs" align="end">
        <Stack gap={4} mr="md">
          <Text size="sm" fw={500} id="forecast-by-label">
            {t("forecast.groupBy")}
          </Text>
          <SegmentedControl
            aria-labelledby="forecast-by-label"
            value={query.by}
            onChange={(by) => update({ by })}
            data={GROUPINGS.map((g) => ({ value: g, label: t(`forecast.by.${g}`) }))}
          />
        </Stack>
        <NativeSelect
          size="xs"
          label={t("exports.dialect.label")}
          value={dialect}
          onChange={(e) => setDialect(e.currentTarget.value as CsvDialect)}
          data={CSV_DIALECTS.map((d) => ({ value: d, label: t(`exports.dialect.${d}`) }))}
        />
        <Button component="a" variant="default" size="xs" href={`/api/forecast/export${forecastQueryString(withoutAsOf, { format: "csv", ...fileParams(dialect) })}`} download>
          {t("forecast.exportCsv")}
        </Button>
        <Button component="a" variant="default" size="xs" href={`/api/forecast/export${forecastQueryString(withoutAsOf, { format: "xlsx", ...fileParams(dialect) })}`} download>
          {t("forecast.exportXlsx")}
        </Button>
        {asOf && (
          <Button variant="subtle" size="xs" onClick={() => update({ asOf: "" })}>
            {t("forecast.clearAsOf")}
          </Button>
        )}
      </Group>
      {(current.isError || past.error !== null) && Object.keys(problems).length === 0 && <ErrorAlert error={current.error ?? past.error} reveal={false} />}
      {past.jobId !== null && asOf && <JobProgress jobId={past.jobId} label={t("forecast.asOfJob", { date: formatDate(asOf) })} />}
      {asOf && past.data && past.data.total.unitsUnknown > 0 && (
        <Alert color="gray" variant="light">
          {t("forecast.unitsUnknownNote", { count: past.data.total.unitsUnknown, date: formatDate(asOf) })}
        </Alert>
      )}
      {current.isPending ? (
        <PageLoader />
      ) : current.data ? (
        <>
          <Suspense fallback={<div style={{ height: 320 }} />}>
            <ForecastChart current={current.data} past={past.data} groupLabel={groupLabel} />
          </Suspense>
          {current.data.by !== "month" &&
            (current.data.groups.length === 0 ? <Text c="dimmed">{t("forecast.noGroups")}</Text> : <GroupTable current={current.data} groupLabel={groupLabel} />)}
          <Title order={2} size="h4">
            {t("forecast.perMonth")}
          </Title>
          <MonthTable current={current.data} past={asOf ? past.data : null} />
        </>
      ) : null}
    </Stack>
  );
}
