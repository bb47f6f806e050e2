// /relations/new: create a relation; field problems from the server appear beside their fields.
import { Anchor, Stack, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { mapFieldErrors } from "../../api/problems.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { RelationForm } from "./RelationForm.js";
import { RELATION_RENAMES, type RelationFormValues, createBody, relationFormValues, validateRelation } from "./relation-form.js";
import { useCreateRelation } from "./relations.api.js";

export function RelationCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateRelation();
  const form = useForm<RelationFormValues>({ initialValues: relationFormValues(null), validate: validateRelation(t) });
  const fields = Object.keys(form.values);
  const mapped = mapFieldErrors(t, create.error, fields, RELATION_RENAMES);

  return (
    <Stack>
      <Anchor component={Link} to="/relations" size="sm">
        ← {t("relations.title")}
      </Anchor>
      <Title order={1}>{t("relation.form.createTitle")}</Title>
      {create.isError && (
        <ErrorAlert error={create.error} fields={mapped.other} fieldLabel={(f) => t(`relationFields.${f}`, { defaultValue: f })} />
      )}
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          create.mutate(createBody(values), {
            onSuccess: (relation) => {
              notifications.show({ message: t("relation.form.created"), color: "green" });
              navigate(`/relations/${relation.id}`);
            },
            onError: (error) => form.setErrors(mapFieldErrors(t, error, fields, RELATION_RENAMES).byField),
          }),
        )}
      >
        <RelationForm form={form} mode="create" relation={null} saving={create.isPending} onCancel={() => navigate("/relations")} />
      </form>
    </Stack>
  );
}
