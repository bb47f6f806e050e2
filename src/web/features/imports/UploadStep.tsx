// Step 1: what the file holds (relations or persons) and the file itself, dropped on the zone or
// chosen with the button. Files the server cannot read come back with a reason in plain words.
import { Alert, Button, FileButton, Group, Paper, Radio, Stack, Text } from "@mantine/core";
import type { TFunction } from "i18next";
import { type DragEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/client.js";
import { errorMessage } from "../../api/problems.js";
import { useReveal } from "../../components/reveal.js";
import { ACCEPTED_IMPORT_FILES, type ImportJob, type ImportKind, localFileProblem, useUploadImport } from "./imports.api.js";

/** Codes of TableFileProblem (src/files/table.ts): each has a sentence of its own. */
const FILE_CODES = ["not_a_zip", "zip_bomb", "too_large", "encoding", "empty", "unreadable"];

export interface UploadProblem {
  message: string;
  /** The server's own (English) explanation, for the specifics: which sheet, how many rows … */
  detail?: string;
}

export function uploadProblem(t: TFunction, error: unknown): UploadProblem {
  if (isApiError(error)) {
    if (error.status === 413) return { message: t("imports.fileErrors.too_large") };
    if (error.status === 415) return { message: t("imports.fileErrors.wrongType") };
    const file = error.fields.find((f) => f.field === "file");
    if (file && FILE_CODES.includes(file.code)) return { message: t(`imports.fileErrors.${file.code}`), detail: file.message };
    if (file) return { message: file.message };
  }
  return { message: errorMessage(t, error) };
}

interface Props {
  kind: ImportKind;
  onKind: (kind: ImportKind) => void;
  onUploaded: (job: ImportJob) => void;
}

export function UploadStep({ kind, onKind, onUploaded }: Props) {
  const { t } = useTranslation();
  const upload = useUploadImport();
  const [problem, setProblem] = useState<(UploadProblem & { fileName: string }) | null>(null);
  const [dragging, setDragging] = useState(false);
  const problemRef = useReveal<HTMLDivElement>(problem);

  const send = (file: File | null | undefined) => {
    if (!file) return;
    const local = localFileProblem(file);
    if (local) {
      setProblem({ fileName: file.name, message: t(`imports.fileErrors.${local}`) });
      return;
    }
    setProblem(null);
    upload.mutate(
      { kind, file },
      {
        onSuccess: onUploaded,
        onError: (error) => setProblem({ fileName: file.name, ...uploadProblem(t, error) }),
      },
    );
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const files = event.dataTransfer.files;
    if (files.length > 1) {
      setProblem({ fileName: files[0]?.name ?? "", message: t("imports.fileErrors.oneFile") });
      return;
    }
    send(files[0]);
  };

  return (
    <Stack>
      <Radio.Group label={t("imports.kind.label")} value={kind} onChange={(value) => onKind(value === "persons" ? "persons" : "relations")}>
        <Group mt="xs">
          <Radio value="relations" label={t("imports.kind.relations")} />
          <Radio value="persons" label={t("imports.kind.persons")} />
        </Group>
      </Radio.Group>
      <Text size="sm" c="dimmed">
        {t(kind === "persons" ? "imports.kind.personsHint" : "imports.kind.relationsHint")}
      </Text>

      <Paper
        withBorder
        p="xl"
        role="group"
        aria-label={t("imports.upload.zone")}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        style={{ borderStyle: "dashed", borderWidth: 2, background: dragging ? "var(--mantine-color-blue-light)" : undefined, textAlign: "center" }}
      >
        <Stack align="center" gap="xs">
          <Text fw={500}>{t("imports.upload.drop")}</Text>
          <FileButton accept={ACCEPTED_IMPORT_FILES} onChange={send}>
            {(props) => (
              <Button {...props} loading={upload.isPending}>
                {t("imports.upload.choose")}
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="dimmed">
            {t("imports.upload.accepted")}
          </Text>
        </Stack>
      </Paper>

      {upload.isPending && (
        <Text size="sm" aria-live="polite">
          {t("imports.upload.reading")}
        </Text>
      )}
      {problem && (
        <Alert ref={problemRef} tabIndex={-1} color="red" role="alert" title={t("imports.upload.failed", { name: problem.fileName })}>
          <Text size="sm">{problem.message}</Text>
          {problem.detail && (
            <Text size="xs" c="dimmed" mt={4}>
              {t("imports.upload.detail", { detail: problem.detail })}
            </Text>
          )}
        </Alert>
      )}
    </Stack>
  );
}
