package fhir

import (
	"context"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/fhir/r4"
)

// Coverage maps one of a client's insurance plans in force: the payer (by name and payer id),
// the member and group ids, the subscriber and the client's relationship to them, its rank
// (order 1 primary, 2 secondary), whether the program is in the payer's network, and what the
// client pays: the copay, the coinsurance, the deductible and the out-of-pocket maximum.
// Coverage records are never changed once written (a new one of the same rank ends the one it
// replaces), so the version is 1, written when the record was.
func Coverage(c *carepath.ClientCoverage) *r4.Coverage {
	id, _ := coverageID(c.ClientID, c.ID)
	out := &r4.Coverage{
		Base:         r4.Base{ResourceType: "Coverage", ID: id, Meta: meta(1, c.CreatedAt, "")},
		Identifier:   []r4.Identifier{{System: idCoverage, Value: c.ID}},
		Status:       "active",
		SubscriberID: c.MemberID,
		Beneficiary:  *r4.Ref("Patient", c.ClientID),
		Relationship: r4.Concept(sysSubscriberRel, string(c.Relationship), relationshipDisplay[c.Relationship], ""),
		Payor:        []r4.Reference{{Display: c.PayerName, Identifier: &r4.Identifier{System: idPayer, Value: c.PayerID}}},
		Order:        c.Rank,
		Network:      "out-of-network",
	}
	if c.InNetwork {
		out.Network = "in-network"
	}
	if c.Relationship == carepath.RelationshipSelf {
		out.Subscriber = r4.Ref("Patient", c.ClientID)
	} else if c.SubscriberName != "" {
		out.Subscriber = &r4.Reference{Display: c.SubscriberName}
	}
	if c.GroupID != "" {
		out.Class = []r4.CoverageClass{{Type: *r4.Concept(sysCoverageClass, "group", "Group", ""), Value: c.GroupID}}
	}
	if c.EndedOn != "" {
		out.Status = "cancelled"
		out.Period = &r4.Period{End: c.EndedOn}
	}
	money := func(code, display string, cents carepath.Cents) r4.CoverageCostShare {
		return r4.CoverageCostShare{Type: r4.Concept(sysCoverageCopay, code, display, ""),
			ValueMoney: &r4.Money{Value: r4.Decimal(float64(cents) / 100), Currency: "USD"}}
	}
	out.CostToBeneficiary = append(out.CostToBeneficiary, money("copay", "Copay Amount", c.Copay),
		r4.CoverageCostShare{Type: r4.Concept(sysCoverageCopay, "copaypct", "Copay Percentage", ""),
			ValueQuantity: &r4.Quantity{Value: r4.Decimal(float64(c.CoinsurancePercent)), Unit: "%", System: sysUCUM, Code: "%"}},
		money("deductible", "Deductible", c.Deductible))
	if c.OutOfPocketMax > 0 {
		out.CostToBeneficiary = append(out.CostToBeneficiary, money("maxoutofpocket", "Maximum out of pocket", c.OutOfPocketMax))
	}
	return out
}

// relationshipDisplay is the display of each subscriber relationship.
var relationshipDisplay = map[carepath.Relationship]string{
	carepath.RelationshipSelf: "Self", carepath.RelationshipSpouse: "Spouse",
	carepath.RelationshipChild: "Child", carepath.RelationshipOther: "Other",
}

// coverageType serves clients' insurance plans in force.
func coverageType() *resourceType {
	owner := func(r r4.Resource) string { return refID(r.(*r4.Coverage).Beneficiary.Reference) }
	return &resourceType{
		name: "Coverage",
		doc:  "Clients' insurance plans in force: payer, member and group ids, subscriber, rank, network and what the client pays.",
		params: append(patientParams("Coverage", false, owner),
			&param{name: "beneficiary", kind: kindReference, target: "Patient", patient: true, definition: hl7Param("Coverage", "beneficiary"),
				doc: "The client covered.", refs: func(r r4.Resource) []string { return []string{r.(*r4.Coverage).Beneficiary.Reference} }},
			statusParam("Coverage", "http://hl7.org/fhir/fm-status", func(r r4.Resource) string { return r.(*r4.Coverage).Status })),
		read: func(ctx context.Context, h *Handler, id string) (r4.Resource, error) {
			clientID, coverageID, ok := splitCoverageID(id)
			if !ok {
				return nil, notFound("Coverage", id)
			}
			list, err := h.svc.Coverages.FindCoverages(ctx, clientID)
			if err != nil {
				return nil, err
			}
			for _, c := range list {
				if c.ID == coverageID {
					return Coverage(c), nil
				}
			}
			return nil, notFound("Coverage", id)
		},
		search: byPatient(clientCoverages),
	}
}

// clientCoverages returns a client's insurance plans in force as Coverages.
func clientCoverages(ctx context.Context, h *Handler, clientID string) ([]r4.Resource, error) {
	list, err := h.svc.Coverages.FindCoverages(ctx, clientID)
	if err != nil {
		return nil, err
	}
	out := make([]r4.Resource, len(list))
	for i, c := range list {
		out[i] = Coverage(c)
	}
	return out, nil
}
