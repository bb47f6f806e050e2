import { Alert, List } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { FieldError } from "../api/client.js";
import { errorMessage, fieldMessage } from "../api/problems.js";
import { useReveal } from "./reveal.js";

interface Props {
  error: unknown;
  /** Field problems that have no input on the page, listed under the message. */
  fields?: readonly FieldError[];
  /** Labels of API fields, to say which field a listed problem is about. */
  fieldLabel?: (field: string) => string;
  /** Scroll to and focus the message (after a failed action); off where the user is typing. */
  reveal?: boolean;
}

/** The message of a failed request, in the user's language, announced to screen readers. */
export function ErrorAlert({ error, fields = [], fieldLabel = (f) => f, reveal = true }: Props) {
  const { t } = useTranslation();
  const ref = useReveal<HTMLDivElement>(reveal ? error : null);
  return (
    <Alert ref={ref} tabIndex={-1} color="red" title={t("errors.title")} role="alert">
      {errorMessage(t, error)}
      {fields.length > 0 && (
        <List size="sm" mt="xs">
          {fields.map((f) => (
            <List.Item key={`${f.field}:${f.code}`}>{t("fieldErrors.fieldLabel", { field: fieldLabel(f.field), message: fieldMessage(t, f) })}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
