// The company logo: the current one, a file chooser for a new PNG or JPEG (at most 1 MB, checked here
// for a quick answer and by the server for certain), and removal.
import { Button, FileInput, Group, Image, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.js";
import { fieldMessage } from "../../api/problems.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { type CompanySettings, MAX_LOGO_BYTES, useRemoveLogo, useUploadLogo } from "./company.api.js";

export function LogoSection({ settings }: { settings: CompanySettings }) {
  const { t } = useTranslation();
  const upload = useUploadLogo();
  const remove = useRemoveLogo();
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const logoProblem = upload.error instanceof ApiError ? upload.error.fields.find((f) => f.field === "logo") : undefined;
  const error = localError ?? (logoProblem ? fieldMessage(t, logoProblem) : null);

  const choose = (chosen: File | null) => {
    upload.reset();
    setFile(chosen);
    if (chosen && chosen.size > MAX_LOGO_BYTES) setLocalError(t("fieldErrors.logo_too_large"));
    else if (chosen && !["image/png", "image/jpeg"].includes(chosen.type)) setLocalError(t("fieldErrors.logo_type_invalid"));
    else setLocalError(null);
  };

  return (
    <Stack gap="xs">
      {settings.logo ? (
        <Image src={settings.logo.url} alt={t("company.logo.current")} h={64} w="auto" fit="contain" maw={240} style={{ alignSelf: "flex-start" }} />
      ) : (
        <Text size="sm" c="dimmed">
          {t("company.logo.none")}
        </Text>
      )}
      <FileInput
        label={t("company.logo.file")}
        description={t("company.logo.hint")}
        accept="image/png,image/jpeg"
        value={file}
        onChange={choose}
        clearable
        error={error}
        maw={420}
      />
      {upload.isError && !logoProblem && <ErrorAlert error={upload.error} />}
      {remove.isError && <ErrorAlert error={remove.error} />}
      <Group>
        <Button
          variant="default"
          disabled={!file || localError !== null}
          loading={upload.isPending}
          onClick={() =>
            file &&
            upload.mutate(file, {
              onSuccess: () => {
                setFile(null);
                notifications.show({ message: t("company.logo.uploaded"), color: "green" });
              },
            })
          }
        >
          {t("company.logo.upload")}
        </Button>
        {settings.logo && (
          <Button variant="subtle" color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
            {t("company.logo.remove")}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
