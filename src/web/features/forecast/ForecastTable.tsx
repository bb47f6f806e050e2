// The forecast as a table. Per month: expected volume per unit of measure and revenue (and, with an
// "as of" date, the figures as they stood then and the difference). Grouped: one row per rep /
// rayon / product with the revenue and volume of every month and the totals. Units of different
// measures are never added up: each unit is shown with its own label ("120,5 m² · 8 uur").
import { Anchor, Box, Group, Paper, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { UnitsText } from "../../components/units.js";
import { formatCents, formatDate } from "../../i18n/format.js";
import { formatMonth } from "../quotes/months.js";
import type { Figures, Forecast, MonthFigures } from "./forecast.api.js";

const right = { textAlign: "right" as const, whiteSpace: "nowrap" as const };
/** Headers may wrap ("Verwachte omzet" over two lines keeps three columns inside 390 px). */
const rightHeader = { textAlign: "right" as const };
/** Volume cells wrap between units (never inside "120,5 m²"), so a narrow column does not clip. */
const rightWrap = { textAlign: "right" as const };

/** The volume of a figure, and how many quotes' units are unknown (a past forecast from before units were kept per unit). */
function Volume({ figures, size = "sm", dimmed = false }: { figures: Figures; size?: "xs" | "sm"; dimmed?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <UnitsText units={figures.units} size={size} dimmed={dimmed} />
      {figures.unitsUnknown > 0 && (
        <Text component="span" size="xs" c="dimmed" style={{ display: "block", whiteSpace: "normal" }}>
          {t("forecast.table.unitsUnknown", { count: figures.unitsUnknown })}
        </Text>
      )}
    </>
  );
}

const hasFigures = (f: Figures) => f.revenueCents !== 0 || f.units.length > 0 || f.unitsUnknown > 0;

/**
 * The quotes behind a figure (click-through): open quotes with a chance above 0 decided in the
 * months, of the group's rep, rayon or product. Everyone's: the figure was the team's already.
 */
export function forecastQuotesLink(from: string, to: string, by: Forecast["by"], key: number | null): string | null {
  const params = new URLSearchParams({ scope: "all", forecast: "true", decisionFrom: from, decisionTo: to });
  if (by !== "month") {
    // "No rayon" and lines without a product have no filter of their own: no link.
    if (key === null) return null;
    params.set(by, String(key));
  }
  return `/quotes?${params.toString()}`;
}

function Linked({ to, children, label }: { to: string | null; children: ReactNode; label?: string }) {
  if (to === null) return <>{children}</>;
  return (
    <Anchor component={Link} to={to} size="sm" inherit aria-label={label}>
      {children}
    </Anchor>
  );
}

export function MonthTable({ current, past }: { current: Forecast; past: Forecast | null }) {
  const { t } = useTranslation();
  const pastOf = (month: string): MonthFigures | undefined => past?.months.find((m) => m.month === month);
  const row = (label: string, now: Figures, then: Figures | undefined, total = false, link: string | null = null) => (
    <>
      <Table.Th scope="row" fw={total ? 700 : 500}>
        {label}
      </Table.Th>
      <Table.Td style={rightWrap}>
        <Volume figures={now} />
      </Table.Td>
      <Table.Td style={right} fw={total ? 700 : undefined}>
        <Linked to={now.revenueCents === 0 ? null : link}>{formatCents(now.revenueCents)}</Linked>
      </Table.Td>
      {past && (
        <>
          <Table.Td style={rightWrap}>{then ? <Volume figures={then} /> : ""}</Table.Td>
          <Table.Td style={right}>{then ? formatCents(then.revenueCents) : ""}</Table.Td>
          <Table.Td style={right} c={then && now.revenueCents - then.revenueCents < 0 ? "red" : undefined}>
            {then ? formatCents(now.revenueCents - then.revenueCents) : ""}
          </Table.Td>
        </>
      )}
    </>
  );
  return (
    <Table.ScrollContainer minWidth={past ? 820 : 0}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("forecast.table.month")}</Table.Th>
            <Table.Th style={rightHeader}>{t("forecast.table.units")}</Table.Th>
            <Table.Th style={rightHeader}>{t("forecast.table.revenue")}</Table.Th>
            {past && (
              <>
                <Table.Th style={right}>{t("forecast.table.unitsAsOf", { date: formatDate(past.asOf) })}</Table.Th>
                <Table.Th style={right}>{t("forecast.table.revenueAsOf", { date: formatDate(past.asOf) })}</Table.Th>
                <Table.Th style={right}>{t("forecast.table.difference")}</Table.Th>
              </>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {current.months.map((m) => (
            <Table.Tr key={m.month}>{row(formatMonth(m.month), m, pastOf(m.month), false, forecastQuotesLink(m.month, m.month, "month", null))}</Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>{row(t("forecast.table.total"), current.total, past?.total, true, forecastQuotesLink(current.from, current.to, "month", null))}</Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}

export function GroupTable({ current, groupLabel }: { current: Forecast; groupLabel: (key: number | null, name: string | null) => string }) {
  const { t } = useTranslation();
  const cell = (f: Figures, bold = false, link: string | null = null) => (
    <Table.Td style={right}>
      <Text size="sm" fw={bold ? 700 : undefined}>
        <Linked to={f.revenueCents === 0 ? null : link}>{formatCents(f.revenueCents)}</Linked>
      </Text>
      <Volume figures={f} size="xs" dimmed />
    </Table.Td>
  );
  return (
    <>
      <Box visibleFrom="sm">
    <Table.ScrollContainer minWidth={240 + current.months.length * 110}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t(`forecast.by.${current.by}`)}</Table.Th>
            {current.months.map((m) => (
              <Table.Th key={m.month} style={right}>
                {formatMonth(m.month, "short")}
              </Table.Th>
            ))}
            <Table.Th style={right}>{t("forecast.table.total")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {current.groups.map((g) => (
            <Table.Tr key={String(g.key)}>
              <Table.Th scope="row" fw={500}>
                {groupLabel(g.key, g.name)}
              </Table.Th>
              {g.months.map((m) =>
                !hasFigures(m) ? (
                  // Nothing expected: a dash keeps the months with figures easy to spot.
                  <Table.Td key={m.month} style={right} c="dimmed">
                    {t("common.empty")}
                  </Table.Td>
                ) : (
                  <Table.Td key={m.month} style={right}>
                    <Text size="sm">
                      <Linked to={forecastQuotesLink(m.month, m.month, current.by, g.key)}>{formatCents(m.revenueCents)}</Linked>
                    </Text>
                    <Volume figures={m} size="xs" dimmed />
                  </Table.Td>
                ),
              )}
              {cell(g.total, true, forecastQuotesLink(current.from, current.to, current.by, g.key))}
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row">{t("forecast.table.total")}</Table.Th>
            {current.months.map((m) => (
              <Table.Td key={m.month} style={right}>
                <Text size="sm" fw={700}>
                  <Linked to={m.revenueCents === 0 ? null : forecastQuotesLink(m.month, m.month, "month", null)}>{formatCents(m.revenueCents)}</Linked>
                </Text>
                <Volume figures={m} size="xs" dimmed />
              </Table.Td>
            ))}
            {cell(current.total, true, forecastQuotesLink(current.from, current.to, "month", null))}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
      </Box>
      <GroupCards current={current} groupLabel={groupLabel} />
    </>
  );
}

/** On a phone: a card per group with its months that expect something, and its total. */
function GroupCards({ current, groupLabel }: { current: Forecast; groupLabel: (key: number | null, name: string | null) => string }) {
  const { t } = useTranslation();
  return (
    <Stack hiddenFrom="sm" gap="xs" component="ul" p={0} m={0} style={{ listStyle: "none" }} aria-label={t(`forecast.by.${current.by}`)}>
      {current.groups.map((g) => (
        <Paper key={String(g.key)} component="li" withBorder p="xs">
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text fw={600} size="sm" style={{ overflowWrap: "anywhere", minWidth: 0 }}>
              {groupLabel(g.key, g.name)}
            </Text>
            <Text fw={700} size="sm" style={{ whiteSpace: "nowrap" }}>
              <Linked to={forecastQuotesLink(current.from, current.to, current.by, g.key)}>{formatCents(g.total.revenueCents)}</Linked>
            </Text>
          </Group>
          <Box ta="right">
            <Volume figures={g.total} size="xs" dimmed />
          </Box>
          <SimpleGrid cols={2} spacing={4} verticalSpacing={2} mt={4}>
            {g.months
              .filter(hasFigures)
              .map((m) => (
                <Box key={m.month} miw={0}>
                  <Text size="xs" c="dimmed">
                    {formatMonth(m.month, "short")}
                  </Text>
                  <Text size="sm">
                    <Linked to={forecastQuotesLink(m.month, m.month, current.by, g.key)}>{formatCents(m.revenueCents)}</Linked>
                  </Text>
                  <Volume figures={m} size="xs" dimmed />
                </Box>
              ))}
          </SimpleGrid>
        </Paper>
      ))}
    </Stack>
  );
}
