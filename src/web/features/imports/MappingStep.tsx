// Step 2: which Koers field each column of the file feeds. Pre-filled with the mapping remembered for
// this file layout, else the one recognised from the headers; unknown headers stay unmapped (never
// guessed). A few sample values per column help to choose. The chosen mapping is remembered.
import { Alert, Badge, Button, Group, NativeSelect, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { fieldByColumn, fieldLabel, missingFields } from "./fields.js";
import { type ImportJob, type ImportKind, useSetMapping } from "./imports.api.js";

const SOURCE_COLORS: Record<string, string> = { remembered: "green", recognised: "blue", chosen: "grape" };

/** Up to three different, non-empty sample values of a column. */
function samplesOf(job: ImportJob, column: number): string[] {
  const values = job.sample.map((s) => s.cells[column]?.trim() ?? "").filter((v) => v !== "");
  return [...new Set(values)].slice(0, 3);
}

export function FileFacts({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const parts = [
    job.format.toUpperCase(),
    job.encoding ? t("imports.facts.encoding", { encoding: job.encoding }) : null,
    job.delimiter ? t("imports.facts.delimiter", { delimiter: job.delimiter === "\t" ? "tab" : job.delimiter }) : null,
    t("imports.facts.rows", { count: job.rowCount }),
  ].filter(Boolean);
  return (
    <Text size="sm">
      <Text span fw={600}>
        {job.fileName}
      </Text>{" "}
      ({t(`imports.kind.${job.kind}`, { defaultValue: job.kind })}) — {parts.join(", ")}
    </Text>
  );
}

interface Props {
  job: ImportJob;
  onNext: () => void;
  onNewFile: () => void;
}

export function MappingStep({ job, onNext, onNewFile }: Props) {
  const { t } = useTranslation();
  const kind = job.kind as ImportKind;
  const save = useSetMapping(job.id);
  const [mapping, setMapping] = useState<Record<string, number>>(job.mapping);
  const byColumn = fieldByColumn(mapping);
  const missing = missingFields(kind, mapping);
  const label = (field: string) => fieldLabel(t, kind, field);
  const options = [{ value: "", label: t("imports.mapping.skip") }, ...job.fields.map((f) => ({ value: f, label: label(f) }))];

  const choose = (column: number, field: string) => {
    setMapping((current) => {
      const next = Object.fromEntries(Object.entries(current).filter(([f, c]) => c !== column && f !== field));
      if (field !== "") next[field] = column;
      return next;
    });
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <FileFacts job={job} />
        <Badge color={SOURCE_COLORS[job.mappingSource] ?? "gray"} variant="light">
          {t(`imports.mapping.source.${job.mappingSource}`, { defaultValue: job.mappingSource })}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed">
        {t("imports.mapping.hint")}
      </Text>

      <Table.ScrollContainer minWidth={640}>
        <Table striped>
          <Table.Caption>{t("imports.mapping.caption")}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("imports.mapping.column")}</Table.Th>
              <Table.Th>{t("imports.mapping.samples")}</Table.Th>
              <Table.Th>{t("imports.mapping.field")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {job.headers.map((header, column) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are identified by their position
              <Table.Tr key={column}>
                <Table.Td fw={500}>{header || t("imports.mapping.noHeader", { number: column + 1 })}</Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                    {samplesOf(job, column).join(" · ") || t("common.empty")}
                  </Text>
                </Table.Td>
                <Table.Td miw={220}>
                  <NativeSelect
                    aria-label={t("imports.mapping.fieldFor", { column: header || column + 1 })}
                    data={options}
                    value={byColumn.get(column) ?? ""}
                    onChange={(event) => choose(column, event.currentTarget.value)}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      {missing.length > 0 && (
        <Alert color="orange" role="status" title={t("imports.mapping.missingTitle")}>
          {missing.map((alternatives) => (
            <Text key={alternatives.join()} size="sm">
              {alternatives.map(label).join(t("imports.mapping.or"))}
            </Text>
          ))}
        </Alert>
      )}
      {save.isError && <ErrorAlert error={save.error} fields={save.error instanceof ApiError ? save.error.fields : []} fieldLabel={(f) => label(f.replace(/^mapping\./, ""))} />}

      <Group justify="space-between">
        <Button variant="default" onClick={onNewFile}>
          {t("imports.newFile")}
        </Button>
        <Button disabled={missing.length > 0} loading={save.isPending} onClick={() => save.mutate(mapping, { onSuccess: onNext })}>
          {t("imports.mapping.next")}
        </Button>
      </Group>
    </Stack>
  );
}
