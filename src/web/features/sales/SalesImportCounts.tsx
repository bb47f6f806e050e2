// What a sales import will do (after the analysis) and did (after the commit), counted: lines new,
// changed and unchanged, credit notes, unknown debtors, products, reps and rayons (created when asked),
// and the dead debtors whose lines are imported while they stay dead.
import { Anchor, Paper, SimpleGrid, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatCount } from "../../i18n/format.js";
import type { SalesImport } from "./sales-import.api.js";

type Analysis = NonNullable<SalesImport["analysis"]>;

function Count({ label, value, tone, testId }: { label: string; value: number; tone?: "red" | "orange" | undefined; testId: string }) {
  return (
    <Paper withBorder p="sm" bg={tone && value > 0 ? `var(--mantine-color-${tone}-light)` : undefined} miw={0}>
      <Text component="dt" size="xs" c={tone && value > 0 ? tone : "dimmed"}>
        {label}
      </Text>
      <Text component="dd" m={0} fz="xl" fw={700} data-count={testId}>
        {formatCount(value)}
      </Text>
    </Paper>
  );
}

export function SalesImportCounts({ analysis, createMissing }: { analysis: Analysis; createMissing: boolean }) {
  const { t } = useTranslation();
  const unknownTone = createMissing ? undefined : ("orange" as const);
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="sm" component="dl" m={0} aria-label={t("sales.import.countsLabel")}>
        <Count label={t("sales.import.counts.rows")} value={analysis.rows} testId="rows" />
        <Count label={t("sales.import.counts.new")} value={analysis.lines.new} testId="new" />
        <Count label={t("sales.import.counts.changed")} value={analysis.lines.changed} testId="changed" />
        <Count label={t("sales.import.counts.unchanged")} value={analysis.lines.unchanged} testId="unchanged" />
        <Count label={t("sales.import.counts.credits")} value={analysis.credits} testId="credits" />
        <Count label={t("sales.import.counts.problems")} value={analysis.problems} tone="red" testId="problems" />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" component="dl" m={0}>
        {(["debtors", "products", "reps", "rayons"] as const).map((k) => (
          <Count key={k} label={t(createMissing ? `sales.import.counts.create.${k}` : `sales.import.counts.unknown.${k}`)} value={analysis.unknown[k]} tone={unknownTone} testId={`unknown-${k}`} />
        ))}
      </SimpleGrid>
      {analysis.deadDebtors.length > 0 && (
        <Paper withBorder p="sm">
          <Text size="sm" fw={600}>
            {t("sales.import.deadDebtors", { count: analysis.deadDebtors.length })}
          </Text>
          <Text size="xs" c="dimmed" mb={4}>
            {t("sales.import.deadDebtorsHint")}
          </Text>
          <Text size="sm" component="div">
            {analysis.deadDebtors.map((d, i) => (
              <span key={d.id}>
                {i > 0 && ", "}
                <Anchor component={Link} to={`/relations/${d.id}`} size="sm">
                  {d.name}
                </Anchor>
              </span>
            ))}
          </Text>
        </Paper>
      )}
    </Stack>
  );
}

export function SalesImportResult({ result }: { result: NonNullable<Analysis["committed"]> }) {
  const { t } = useTranslation();
  const created = Object.entries(result.createdMissing).filter(([, n]) => n > 0);
  return (
    <Paper withBorder p="md" role="status" bg="var(--mantine-color-teal-light)">
      <Stack gap="xs">
        <Text fw={700}>{t("sales.import.done")}</Text>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" component="dl" m={0}>
          <Count label={t("sales.import.counts.created")} value={result.lines.created} testId="created" />
          <Count label={t("sales.import.counts.replaced")} value={result.lines.replaced} testId="replaced" />
          <Count label={t("sales.import.counts.unchanged")} value={result.lines.unchanged} testId="committed-unchanged" />
        </SimpleGrid>
        {created.length > 0 && <Text size="sm">{t("sales.import.createdMissing", { list: created.map(([k, n]) => t(`sales.import.createdKinds.${k}`, { count: n })).join(", ") })}</Text>}
        {result.statusChanges > 0 && <Text size="sm">{t("sales.import.statusChanges", { count: result.statusChanges })}</Text>}
      </Stack>
    </Paper>
  );
}
