// The files of a contact moment: download links for logged-in users, and upload with readable
// messages for a file that is too large or of a type that is not accepted.
import { Alert, Anchor, Button, FileButton, Group, List, Stack, Text } from "@mantine/core";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/client.js";
import { errorMessage } from "../../api/problems.js";
import { formatInstant } from "../../i18n/format.js";
import { useUploadAttachment } from "./activities.api.js";
import type { Attachment } from "./types.js";

/** What the server accepts (checked there on content, not on the name). */
export const ACCEPTED_FILES = ".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.txt,.eml,application/pdf,image/png,image/jpeg,text/plain,message/rfc822";
/** The server's limit per file (attachment.service.ts). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export function formatBytes(bytes: number, language: string): string {
  const nf = (n: number) => new Intl.NumberFormat(language === "en" ? "en-GB" : "nl-NL", { maximumFractionDigits: 1 }).format(n);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${nf(bytes / 1024)} kB`;
  return `${nf(bytes / 1024 / 1024)} MB`;
}

/** A failed upload in words: too large and wrong type are the usual ones. */
export function uploadMessage(t: TFunction, error: unknown): string {
  if (isApiError(error) && error.status === 413) return t("activities.attachments.tooLarge");
  if (isApiError(error) && error.status === 415) return t("activities.attachments.wrongType");
  return errorMessage(t, error);
}

export function UploadErrors({ messages }: { messages: readonly string[] }) {
  const { t } = useTranslation();
  if (messages.length === 0) return null;
  return (
    <Alert color="red" role="alert" title={t("activities.attachments.failedTitle")}>
      <List size="sm">
        {messages.map((m) => (
          <List.Item key={m}>{m}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

export function AttachmentList({ attachments }: { attachments: readonly Attachment[] }) {
  const { t, i18n } = useTranslation();
  if (attachments.length === 0) return null;
  return (
    <List size="sm" aria-label={t("activities.attachments.title")}>
      {attachments.map((a) => (
        <List.Item key={a.id}>
          <Anchor href={a.url} download={a.fileName} size="sm">
            {a.fileName}
          </Anchor>{" "}
          <Text span size="xs" c="dimmed">
            ({formatBytes(a.sizeBytes, i18n.language)}, {formatInstant(a.uploadedAt)}
            {a.uploadedBy ? `, ${a.uploadedBy.name}` : ""})
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

export function AttachmentUpload({ relationId, activityId }: { relationId: number; activityId: number }) {
  const { t } = useTranslation();
  const upload = useUploadAttachment(relationId);
  const [errors, setErrors] = useState<string[]>([]);

  const send = async (files: File[]) => {
    const failed: string[] = [];
    for (const file of files) {
      if (file.size > MAX_FILE_BYTES) {
        failed.push(t("activities.attachments.failed", { name: file.name, message: t("activities.attachments.tooLarge") }));
        continue;
      }
      try {
        await upload.mutateAsync({ activityId, file });
      } catch (error) {
        failed.push(t("activities.attachments.failed", { name: file.name, message: uploadMessage(t, error) }));
      }
    }
    setErrors(failed);
  };

  return (
    <Stack gap="xs">
      <Group>
        <FileButton multiple accept={ACCEPTED_FILES} onChange={(files) => void send(files)}>
          {(props) => (
            <Button {...props} size="compact-sm" variant="subtle" loading={upload.isPending}>
              {t("activities.attachments.add")}
            </Button>
          )}
        </FileButton>
      </Group>
      <UploadErrors messages={errors} />
    </Stack>
  );
}
