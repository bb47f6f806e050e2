// "Offertelijst importeren": a quote list kept in a spreadsheet (Naam, Offertenr, Product, Aantal,
// Bedrag, Kans, Beslissing) sent to POST /api/quotes/import. All or nothing: either a summary of what
// was created, or every wrong cell with its row and column, and nothing imported.
import { Alert, Button, FileInput, Group, Modal, Stack, Table, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, queryString } from "../../api/client.js";
import { type Job, jobDone } from "../jobs/jobs.api.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { DateField } from "../../components/DateField.js";

interface ImportResult {
  ok: boolean;
  quotesCreated: number;
  quotesUpdated: number;
  quotesUnchanged: number;
  relationsCreated: number;
  productsCreated: number;
  errors: { row: number | null; column: string | null; message: string }[];
}

/** Today's date in Amsterdam as YYYY-MM-DD (the default reference date for months without a year). */
function todayInAmsterdam(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(new Date());
}

export function QuoteImportDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [asOf, setAsOf] = useState(todayInAmsterdam);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const form = new FormData();
      form.append("file", file, file.name);
      // The import runs as a background job; its result is the summary.
      const started = await api.upload<Job<ImportResult>>(`/api/quotes/import${queryString({ asOf })}`, form);
      const job = await jobDone<ImportResult>(started.id);
      if (job.state !== "succeeded" || !job.result) throw new ApiError(422, job.error?.code ?? "internal", job.error?.message ?? "", job.error?.fields ?? []);
      const answer = job.result;
      setResult(answer);
      if (answer.ok) {
        void queryClient.invalidateQueries({ queryKey: ["quotes"] });
        void queryClient.invalidateQueries({ queryKey: ["forecast"] });
      }
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t("quoteImport.title")} size="lg">
      <Stack>
        <Text size="sm" c="dimmed">
          {t("quoteImport.intro")}
        </Text>
        <FileInput label={t("quoteImport.file")} accept=".csv,.xlsx,.txt" value={file} onChange={setFile} clearable />
        <DateField label={t("quoteImport.asOf")} description={t("quoteImport.asOfHint")} value={asOf} onChange={setAsOf} />
        {error !== null && <ErrorAlert error={error} />}
        {result?.ok && (
          <Alert color="teal" title={t("quoteImport.done")}>
            {t("quoteImport.summary", {
              created: result.quotesCreated,
              updated: result.quotesUpdated,
              unchanged: result.quotesUnchanged,
              relations: result.relationsCreated,
              products: result.productsCreated,
            })}
          </Alert>
        )}
        {result && !result.ok && (
          <Stack gap="xs">
            <Alert color="red" title={t("quoteImport.failed", { count: result.errors.length })}>
              {t("quoteImport.nothingImported")}
            </Alert>
            <Table.ScrollContainer minWidth={480}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("quoteImport.row")}</Table.Th>
                    <Table.Th>{t("quoteImport.column")}</Table.Th>
                    <Table.Th>{t("quoteImport.reason")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {result.errors.map((e, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a row may have several problems in one column; the list never reorders
                    <Table.Tr key={`${e.row}-${e.column}-${i}`}>
                      <Table.Td>{e.row ?? "—"}</Table.Td>
                      <Table.Td>{e.column ?? "—"}</Table.Td>
                      <Table.Td>{e.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("quoteImport.close")}
          </Button>
          <Button onClick={() => void submit()} loading={busy} disabled={!file}>
            {t("quoteImport.submit")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
