package fhir

import (
	"context"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/fhir/r4"
	"github.com/carepath/carepath/internal/fhir/search"
)

// consentKindNames are the plain names of the consent kinds.
var consentKindNames = map[carepath.ConsentKind]string{
	carepath.ConsentTreatment: "Consent to treatment", carepath.ConsentPart2Disclosure: "Consent to disclose substance use disorder records (42 CFR Part 2)",
	carepath.ConsentTelehealth: "Consent to telehealth", carepath.ConsentReleaseOfInformation: "Release of information",
	carepath.ConsentOther: "Consent",
}

// Consent maps a client's consent. Treatment and telehealth consents
// have the treatment scope, the others patient-privacy. A 42 CFR Part 2 disclosure consent
// names the regulation as its policy and 42CFRPart2 as its policy rule; a disclosure names its
// recipient as the information recipient (IRCP). What may be shared and why, and the event
// that ends it, are free text and so are in the narrative. A consent is "active" while it
// holds and "inactive" once revoked or past its end (Active, as the store computed it). Consents change only when revoked: meta
// is version 1 when recorded, 2 when revoked, at the time of that change.
func Consent(c *carepath.Consent) *r4.Consent {
	version, updated := 1, c.CreatedAt
	if c.RevokedAt != nil {
		version, updated = 2, *c.RevokedAt
	}
	name := consentKindNames[c.Kind]
	k := &r4.Consent{
		Base:         r4.Base{ResourceType: "Consent", ID: c.ID, Meta: meta(version, updated, "")},
		Status:       "inactive",
		Scope:        *r4.Concept(sysConsentScope, "patient-privacy", "Privacy Consent", ""),
		Category:     []r4.CodeableConcept{*r4.Concept(sysLOINC, "59284-0", "Patient Consent", ""), *r4.Concept(sysConsentKind, string(c.Kind), name, name)},
		Patient:      r4.Ref("Patient", c.ClientID),
		DateTime:     c.SignedOn,
		Performer:    []r4.Reference{*r4.Ref("Patient", c.ClientID)},
		Organization: []r4.Reference{*r4.Ref("Organization", organizationID)},
		PolicyRule:   &r4.CodeableConcept{Text: name + ", as recorded by the clinic"},
		Provision:    &r4.ConsentProvision{Type: "permit", Period: &r4.Period{Start: c.SignedOn, End: c.ExpiresOn}},
	}
	if c.Active {
		k.Status = "active"
	}
	switch c.Kind {
	case carepath.ConsentTreatment, carepath.ConsentTelehealth:
		k.Scope = *r4.Concept(sysConsentScope, "treatment", "Treatment", "")
	case carepath.ConsentPart2Disclosure:
		k.Category = append(k.Category, *r4.Concept(sysLOINC, "64292-6", "Release of information consent", ""))
		k.Policy = []r4.ConsentPolicy{{URI: part2Regulation}}
		k.PolicyRule = r4.Concept(sysActCode, "42CFRPart2", "42 CFR Part2", "42 CFR Part 2")
	case carepath.ConsentReleaseOfInformation:
		k.Category = append(k.Category, *r4.Concept(sysLOINC, "64292-6", "Release of information consent", ""))
	}
	if c.Recipient != "" {
		k.Provision.Actor = []r4.ConsentActor{{Role: *r4.Concept(sysParticipationType, "IRCP", "information recipient", ""),
			Reference: r4.Reference{Display: c.Recipient}}}
	}
	revoked := ""
	if c.RevokedAt != nil {
		revoked = c.RevokedAt.UTC().Format(carepath.DateLayout) + ": " + c.RevokedReason
	}
	k.Text = narrative(name, [2]string{"Signed", c.SignedOn}, [2]string{"Recipient", c.Recipient},
		[2]string{"Information", c.Information}, [2]string{"Purpose", c.Purpose}, [2]string{"Ends", c.ExpiresOn},
		[2]string{"Ends at", c.ExpiresOnEvent}, [2]string{"Revoked", revoked})
	return k
}

// consentType serves clients' consents.
func consentType() *resourceType {
	owner := func(r r4.Resource) string { return refID(r.(*r4.Consent).Patient.Reference) }
	return &resourceType{
		name: "Consent", doc: "Clients' consents: treatment, telehealth, release of information and 42 CFR Part 2 disclosure consents with their recipient, period and revocation.",
		params: append(patientParams("Consent", false, owner),
			statusParam("Consent", sysConsentStatus, func(r r4.Resource) string { return r.(*r4.Consent).Status }),
			&param{name: "category", kind: kindToken, definition: hl7Param("Consent", "category"),
				doc: "LOINC 59284-0 or 64292-6, or the consent kind (" + sysConsentKind + "|part2_disclosure).",
				codes: func(r r4.Resource) []search.Code {
					var out []search.Code
					for i := range r.(*r4.Consent).Category {
						out = append(out, codesOf(&r.(*r4.Consent).Category[i])...)
					}
					return out
				}},
			&param{name: "scope", kind: kindToken, definition: hl7Param("Consent", "scope"), doc: "treatment or patient-privacy.",
				codes: func(r r4.Resource) []search.Code { k := r.(*r4.Consent); return codesOf(&k.Scope) }},
			&param{name: "date", kind: kindDate, definition: hl7Param("clinical", "date"), doc: "When it was signed.",
				spans: func(r r4.Resource, loc *time.Location) []search.Span { return spans(loc, r.(*r4.Consent).DateTime) }},
			&param{name: "period", kind: kindDate, definition: hl7Param("Consent", "period"), doc: "When it holds, signing to its end.",
				spans: func(r r4.Resource, loc *time.Location) []search.Span {
					p := r.(*r4.Consent).Provision.Period
					if sp, ok := search.PeriodSpan(p.Start, p.End, loc); ok {
						return []search.Span{sp}
					}
					return nil
				}}),
		read: func(ctx context.Context, h *Handler, id string) (r4.Resource, error) {
			c, err := h.svc.Consents.FindConsentByID(ctx, id)
			if err != nil {
				return nil, err
			}
			return Consent(c), nil
		},
		search: byPatient(func(ctx context.Context, h *Handler, clientID string) ([]r4.Resource, error) {
			list, err := h.svc.Consents.FindConsents(ctx, clientID)
			if err != nil {
				return nil, err
			}
			out := make([]r4.Resource, len(list))
			for i, c := range list {
				out[i] = Consent(c)
			}
			return out, nil
		}),
	}
}
