// /quotes/forecast: expected revenue and volume per decision month (amount × chance of every open
// quote), by month, rep, rayon or product; optionally beside the forecast as it stood on a past date;
// export to CSV / XLSX. The choices live in the URL, so a link shows the same forecast.
import { Button, Group, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { lazy, Suspense, useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { addMonths } from "../../../domain/calendar.js";
import { mapFieldErrors } from "../../api/problems.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { currentMonth, todayInAmsterdam } from "../quotes/months.js";
import { QuotesNav } from "../quotes/QuotesNav.js";
import { GROUPINGS, type ForecastQuery, forecastQueryString, type Grouping, useForecast } from "./forecast.api.js";
import { GroupTable, MonthTable } from "./ForecastTable.js";

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

export function ForecastPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => readQuery(params), [params]);
  const update = useCallback(
    (change: Record<string, string>) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
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
  const past = useForecast(asOf ? { ...withoutAsOf, by: "month", asOf } : null);
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
        <TextInput type="month" label={t("forecast.from")} value={query.from} error={problems.from} onChange={(e) => update({ from: e.currentTarget.value })} />
        <TextInput type="month" label={t("forecast.to")} value={query.to} error={problems.to} onChange={(e) => update({ to: e.currentTarget.value })} />
        <TextInput
          type="date"
          label={t("forecast.asOf")}
          description={t("forecast.asOfHint")}
          value={asOf ?? ""}
          max={todayInAmsterdam()}
          error={problems.asOf}
          onChange={(e) => update({ asOf: e.currentTarget.value })}
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
        <Button component="a" variant="default" size="xs" href={`/api/forecast/export${forecastQueryString(withoutAsOf, { format: "csv" })}`} download>
          {t("forecast.exportCsv")}
        </Button>
        <Button component="a" variant="default" size="xs" href={`/api/forecast/export${forecastQueryString(withoutAsOf, { format: "xlsx" })}`} download>
          {t("forecast.exportXlsx")}
        </Button>
        {asOf && (
          <Button variant="subtle" size="xs" onClick={() => update({ asOf: "" })}>
            {t("forecast.clearAsOf")}
          </Button>
        )}
      </Group>
      {(current.isError || past.isError) && Object.keys(problems).length === 0 && <ErrorAlert error={current.error ?? past.error} reveal={false} />}
      {current.isPending ? (
        <PageLoader />
      ) : current.data ? (
        <>
          <Suspense fallback={<div style={{ height: 320 }} />}>
            <ForecastChart current={current.data} past={past.data ?? null} groupLabel={groupLabel} />
          </Suspense>
          {current.data.by !== "month" &&
            (current.data.groups.length === 0 ? <Text c="dimmed">{t("forecast.noGroups")}</Text> : <GroupTable current={current.data} groupLabel={groupLabel} />)}
          <Title order={2} size="h4">
            {t("forecast.perMonth")}
          </Title>
          <MonthTable current={current.data} past={asOf ? (past.data ?? null) : null} />
        </>
      ) : null}
    </Stack>
  );
}
