// /quotes/new (?relation=ID from a relation's page): first the advice "quote or not", then the quote
// itself. Changing the relation starts again at the advice: it was given for that relation's DMU.
import { Anchor, Stack, Stepper, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api } from "../../api/client.js";
import type { Ref, RelationDetail } from "../../api/types.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { relationKeys } from "../relations/relations.api.js";
import { type AdviceValues, EMPTY_ADVICE } from "./advice-form.js";
import { type AdviceOutcome, AdviceStep } from "./AdviceStep.js";
import { QuoteForm } from "./QuoteForm.js";
import { RelationPicker } from "./RelationPicker.js";

export function NewQuotePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const relationId = Number(params.get("relation")) || null;
  const relation = useQuery({
    queryKey: relationKeys.detail(relationId ?? 0),
    queryFn: ({ signal }) => api.get<RelationDetail>(`/api/relations/${relationId}`, signal),
    enabled: relationId !== null,
  });
  const [picked, setPicked] = useState<Ref | null>(null);
  // A chance heard in a visit (the visit report's "Offerte starten") starts the advice.
  const [answers, setAnswers] = useState<AdviceValues>(() => {
    const chance = Number(params.get("chance"));
    return params.get("chance") !== null && Number.isInteger(chance) && chance >= 0 && chance <= 100 ? { ...EMPTY_ADVICE, chance } : EMPTY_ADVICE;
  });
  const [outcome, setOutcome] = useState<AdviceOutcome | null>(null);
  const back = relationId ? `/relations/${relationId}` : "/quotes";
  const currentRef = relation.data ? { id: relation.data.id, name: relation.data.name } : picked;

  return (
    <Stack>
      <Anchor component={Link} to={back} size="sm">
        ← {relation.data ? relation.data.name : t("quotes.title")}
      </Anchor>
      <Title order={1}>{t("quotes.newTitle")}</Title>
      <RelationPicker
        value={relationId}
        current={currentRef}
        required
        onChange={(ref) => {
          setPicked(ref);
          setOutcome(null);
          setAnswers(EMPTY_ADVICE);
          setParams(ref ? { relation: String(ref.id) } : {}, { replace: true });
        }}
      />
      <Stepper active={outcome ? 1 : 0} size="sm" allowNextStepsSelect={false} onStepClick={() => setOutcome(null)}>
        <Stepper.Step label={t("quotes.steps.advice")} description={t("quotes.steps.adviceHint")} />
        <Stepper.Step label={t("quotes.steps.quote")} description={t("quotes.steps.quoteHint")} />
      </Stepper>
      {relationId === null ? null : relation.isPending ? (
        <PageLoader />
      ) : relation.isError ? (
        <ErrorAlert error={relation.error} />
      ) : outcome === null ? (
        <AdviceStep
          key={relation.data.id}
          relation={relation.data}
          initial={answers}
          onContinue={(o) => {
            setAnswers(o.values);
            setOutcome(o);
          }}
          onFollow={() => {
            notifications.show({ message: t("quotes.advice.followed") });
            navigate(back);
          }}
        />
      ) : (
        <QuoteForm
          relation={relation.data}
          advice={outcome}
          initialNotes={params.get("notes")?.slice(0, 10_000) ?? ""}
          onBack={() => setOutcome(null)}
          onSaved={(quote) => {
            notifications.show({ message: t("quotes.saved", { number: quote.number }), color: "green" });
            navigate(`/quotes/${quote.id}`, { state: { warnings: quote.warnings } });
          }}
        />
      )}
    </Stack>
  );
}
