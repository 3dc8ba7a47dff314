package fhir

import (
	"context"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/fhir/r4"
	"github.com/carepath/carepath/internal/fhir/search"
	"github.com/google/uuid"
)

// Condition maps a diagnosis on a client's chart to a US Core problem-list Condition coded in
// ICD-10-CM, confirmed by the clinician who recorded it: active until it is resolved, then
// resolved with the date as its abatement. The primary diagnosis (the one claims list first)
// carries a second category, carepath's diagnosis-role "primary". Diagnoses keep no version or
// change time, so the resource has no meta.
func Condition(d *carepath.Diagnosis) *r4.Condition {
	id, _ := conditionID(d.ClientID, d.ID)
	status, display := "active", "Active"
	if !d.Active() {
		status, display = "resolved", "Resolved"
	}
	c := &r4.Condition{
		Base:               r4.Base{ResourceType: "Condition", ID: id, Meta: meta(0, time.Time{}, profileCondition)},
		Identifier:         []r4.Identifier{{System: idDiagnosis, Value: d.ID}},
		ClinicalStatus:     r4.Concept(sysConditionClinical, status, display, ""),
		VerificationStatus: r4.Concept(sysConditionVerified, "confirmed", "Confirmed", ""),
		Category:           []r4.CodeableConcept{*r4.Concept(sysConditionCategory, "problem-list-item", "Problem List Item", "")},
		Code:               r4.Concept(sysICD10CM, d.Code, d.Description, d.Description),
		Subject:            *r4.Ref("Patient", d.ClientID),
		OnsetDateTime:      d.OnsetOn,
		AbatementDateTime:  d.ResolvedOn,
	}
	if d.Primary {
		c.Category = append(c.Category, *r4.Concept(sysDiagnosisRole, "primary", "Primary diagnosis", ""))
	}
	if !d.CreatedAt.IsZero() {
		c.RecordedDate = r4.Instant(d.CreatedAt)
	}
	if _, err := uuid.Parse(d.RecordedBy); err == nil {
		c.Recorder = r4.Ref("Practitioner", d.RecordedBy)
	}
	return c
}

// conditionType serves the diagnoses on clients' charts.
func conditionType() *resourceType {
	owner := func(r r4.Resource) string { return refID(r.(*r4.Condition).Subject.Reference) }
	return &resourceType{
		name: "Condition", profile: profileCondition,
		doc: "The diagnoses on clients' charts, in ICD-10-CM: active or resolved, the primary one marked by a second category.",
		params: append(patientParams("Condition", true, owner),
			&param{name: "code", kind: kindToken, definition: hl7Param("clinical", "code"), doc: "The ICD-10-CM code (" + sysICD10CM + "|F33.1).",
				codes: func(r r4.Resource) []search.Code { return codesOf(r.(*r4.Condition).Code) }},
			&param{name: "clinical-status", kind: kindToken, definition: hl7Param("Condition", "clinical-status"), doc: "active or resolved.",
				codes: func(r r4.Resource) []search.Code { return codesOf(r.(*r4.Condition).ClinicalStatus) }},
			&param{name: "category", kind: kindToken, definition: hl7Param("Condition", "category"),
				doc: "problem-list-item, or " + sysDiagnosisRole + "|primary for the primary diagnosis.",
				codes: func(r r4.Resource) []search.Code {
					var out []search.Code
					for i := range r.(*r4.Condition).Category {
						out = append(out, codesOf(&r.(*r4.Condition).Category[i])...)
					}
					return out
				}},
			&param{name: "onset-date", kind: kindDate, definition: hl7Param("Condition", "onset-date"), doc: "When it began.",
				spans: func(r r4.Resource, loc *time.Location) []search.Span {
					return spans(loc, r.(*r4.Condition).OnsetDateTime)
				}},
			&param{name: "abatement-date", kind: kindDate, definition: hl7Param("Condition", "abatement-date"), doc: "When it was resolved.",
				spans: func(r r4.Resource, loc *time.Location) []search.Span {
					return spans(loc, r.(*r4.Condition).AbatementDateTime)
				}},
			&param{name: "recorded-date", kind: kindDate, definition: hl7Param("Condition", "recorded-date"), doc: "When it was recorded.",
				spans: func(r r4.Resource, loc *time.Location) []search.Span {
					return spans(loc, r.(*r4.Condition).RecordedDate)
				}}),
		read: func(ctx context.Context, h *Handler, id string) (r4.Resource, error) {
			clientID, diagnosisID, ok := splitConditionID(id)
			if !ok {
				return nil, notFound("Condition", id)
			}
			list, err := h.svc.Diagnoses.FindDiagnoses(ctx, clientID)
			if err != nil {
				return nil, err
			}
			for _, d := range list {
				if d.ID == diagnosisID {
					return Condition(d), nil
				}
			}
			return nil, notFound("Condition", id)
		},
		search: byPatient(clientConditions),
	}
}

// clientConditions returns a client's diagnoses as Conditions.
func clientConditions(ctx context.Context, h *Handler, clientID string) ([]r4.Resource, error) {
	list, err := h.svc.Diagnoses.FindDiagnoses(ctx, clientID)
	if err != nil {
		return nil, err
	}
	out := make([]r4.Resource, len(list))
	for i, d := range list {
		out[i] = Condition(d)
	}
	return out, nil
}
