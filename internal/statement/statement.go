// Package statement puts together the billing documents a client keeps from their chart: the
// good-faith estimate a self-pay or uninsured client is entitled to (billing.GoodFaithEstimate)
// and the superbill an out-of-network client sends their insurer (billing.Superbill). A preview
// (Estimate) and a superbill are regenerated from the chart's stored records whenever they are
// asked for, so the same records give the same document (a preview is dated and numbered after
// the assessment it prices; a superbill after the client and the period it covers). An estimate
// given to a client (IssueEstimate) is numbered anew and kept as issued, so it can be shown
// again exactly, whatever the rates become. Every record is read as the actor asking, each
// read audited.
package statement

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/billing"
	"github.com/google/uuid"
)

// Estimate builds the client's good-faith estimate: the recommended level of their latest
// assessment and the alternatives (outpatient, IOP and PHP), priced from the rates of the
// program of their latest episode. EINVALID names coverage when the client has coverage in
// force (the estimate is for self-pay or uninsured clients), assessment when there is none,
// episode when the client was never admitted (no program prices the estimate), and
// billing_provider when the clinic's billing details were never set.
func Estimate(ctx context.Context, svc carepath.Services, clientID string) (*billing.GoodFaithEstimate, error) {
	return estimate(ctx, svc, clientID, func(latest *carepath.Assessment, _ string) (string, string, error) {
		return "GFE-" + shortID(latest.ID), latest.TakenAt.UTC().Format(carepath.DateLayout), nil
	})
}

// IssueEstimate builds the client's good-faith estimate as Estimate does, numbered anew and
// dated the day the client is given it (now, in the pricing program's time zone), and keeps it
// on the chart (svc.Estimates) exactly as issued. The errors are Estimate's, and the keeping's.
func IssueEstimate(ctx context.Context, svc carepath.Services, clientID string, now time.Time) (*carepath.IssuedEstimate, *billing.GoodFaithEstimate, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return nil, nil, fmt.Errorf("new id: %w", err)
	}
	g, err := estimate(ctx, svc, clientID, func(_ *carepath.Assessment, programID string) (string, string, error) {
		p, err := svc.Programs.FindProgramByID(ctx, programID)
		if err != nil {
			return "", "", err
		}
		today := now.In(p.Location()).Format(carepath.DateLayout)
		return "GFE-" + strings.ReplaceAll(today, "-", "") + "-" + shortID(id.String()), today, nil
	})
	if err != nil {
		return nil, nil, err
	}
	doc, err := json.Marshal(g)
	if err != nil {
		return nil, nil, fmt.Errorf("encode estimate: %w", err)
	}
	kept := carepath.IssuedEstimate{ID: id.String(), ClientID: clientID, Number: g.Number, IssuedOn: g.IssuedOn, Document: doc}
	for _, o := range g.Options {
		if o.Recommended {
			kept.Recommended, kept.Total = o.Level, o.Total
		}
	}
	e, err := svc.Estimates.KeepEstimate(ctx, kept)
	if err != nil {
		return nil, nil, err
	}
	return e, g, nil
}

// IssuedDocument returns the estimate kept as e, as it was issued.
func IssuedDocument(e *carepath.IssuedEstimate) (*billing.GoodFaithEstimate, error) {
	var g billing.GoodFaithEstimate
	if err := json.Unmarshal(e.Document, &g); err != nil {
		return nil, fmt.Errorf("decode issued estimate: %w", err)
	}
	return &g, nil
}

// estimate builds the client's good-faith estimate, numbered and dated by name (given the
// assessment it prices and the program whose rates price it).
func estimate(ctx context.Context, svc carepath.Services, clientID string,
	name func(latest *carepath.Assessment, programID string) (number, issuedOn string, err error)) (*billing.GoodFaithEstimate, error) {
	c, err := svc.Clients.FindClientByID(ctx, clientID)
	if err != nil {
		return nil, err
	}
	coverages, err := svc.Coverages.FindCoverages(ctx, clientID)
	if err != nil {
		return nil, err
	}
	if len(coverages) > 0 {
		return nil, invalid("coverage", "insured", "This client has insurance on file; a good-faith estimate is for clients who are uninsured or pay for themselves.")
	}
	assessments, err := svc.Assessments.FindAssessments(ctx, clientID)
	if err != nil {
		return nil, err
	}
	var latest *carepath.Assessment
	for _, a := range assessments {
		if latest == nil || a.TakenAt.After(latest.TakenAt) {
			latest = a
		}
	}
	if latest == nil {
		return nil, invalid("assessment", "required", "Take an assessment first: the estimate prices the level it recommends.")
	}
	program, err := latestProgram(ctx, svc, clientID)
	if err != nil {
		return nil, err
	}
	details, err := svc.ProgramDetails.FindProgramDetails(ctx, program)
	if err != nil {
		return nil, err
	}
	provider, err := svc.Claims.FindBillingProvider(ctx)
	if err != nil {
		return nil, err
	}
	dx, err := diagnosisLines(ctx, svc, clientID)
	if err != nil {
		return nil, err
	}
	var alternatives []carepath.Level
	for _, l := range []carepath.Level{carepath.LevelOutpatient, carepath.LevelIOP, carepath.LevelPHP} {
		if l != latest.Recommended {
			alternatives = append(alternatives, l)
		}
	}
	number, issuedOn, err := name(latest, program)
	if err != nil {
		return nil, err
	}
	g, err := billing.BuildGoodFaithEstimate(billing.EstimateInput{
		Number:   number,
		IssuedOn: issuedOn,
		Client:   person(c), Provider: billingProvider(provider), Diagnoses: dx,
		Recommended: latest.Recommended, Alternatives: alternatives,
		Table: billing.NewRateTable(program, details.Rates)})
	if err != nil {
		return nil, err
	}
	return &g, nil
}

// Superbill builds the superbill of the client's ready charges and the payments they made (not
// voided) from from through to (YYYY-MM-DD) for their out-of-network insurer, issued on to. EINVALID names coverage when the
// client has no out-of-network coverage in force, from and to as the charge listing does, and
// billing_provider when the clinic's billing details were never set.
func Superbill(ctx context.Context, svc carepath.Services, clientID, from, to string) (*billing.Superbill, error) {
	c, err := svc.Clients.FindClientByID(ctx, clientID)
	if err != nil {
		return nil, err
	}
	coverages, err := svc.Coverages.FindCoverages(ctx, clientID)
	if err != nil {
		return nil, err
	}
	var oon *carepath.ClientCoverage
	for _, k := range coverages {
		if !k.InNetwork {
			oon = k
			break
		}
	}
	if oon == nil {
		return nil, invalid("coverage", "in_network", "This client has no out-of-network insurance on file; a superbill is for clients whose plan the program is not in network with.")
	}
	charges, err := svc.Charges.FindCharges(ctx, carepath.ChargeFilter{From: from, To: to, ClientID: clientID})
	if err != nil {
		return nil, err
	}
	provider, err := svc.Claims.FindBillingProvider(ctx)
	if err != nil {
		return nil, err
	}
	dx, err := diagnosisLines(ctx, svc, clientID)
	if err != nil {
		return nil, err
	}
	lines := make([]billing.Charge, 0, len(charges))
	for _, ch := range charges {
		label := ch.Service
		if coding, ok := billing.DefaultCodings[billing.Service(ch.Service)]; ok {
			label = coding.Label
		}
		bc := billing.Charge{ID: ch.ID, ClientID: ch.ClientID, Date: ch.Date, Service: billing.Service(ch.Service), Label: label,
			Code: ch.Code, Modifiers: ch.Modifiers, PlaceOfService: ch.PlaceOfService, Units: ch.Units, UnitCents: ch.UnitCents,
			Cents: ch.Cents, Minutes: ch.Minutes, Telehealth: ch.Telehealth}
		for _, h := range ch.Holds {
			bc.Holds = append(bc.Holds, billing.Hold{Rule: h.Rule, Reason: h.Reason})
		}
		lines = append(lines, bc)
	}
	paid, err := svc.Claims.FindClientPayments(ctx, carepath.ClientPaymentFilter{ClientID: clientID, From: from, To: to})
	if err != nil {
		return nil, err
	}
	var payments []billing.ClientPayment
	for _, p := range paid {
		if !p.Voided() {
			payments = append(payments, billing.ClientPayment{ClientID: p.ClientID, Date: p.Date, Cents: p.Cents, Method: p.Method})
		}
	}
	s := billing.BuildSuperbill("SB-"+shortID(clientID)+"-"+strings.ReplaceAll(from, "-", ""), to, billingProvider(provider), person(c),
		oon.PayerName, oon.MemberID, dx, lines, payments)
	return &s, nil
}

// latestProgram returns the program of the client's latest episode; EINVALID naming episode
// when there is none.
func latestProgram(ctx context.Context, svc carepath.Services, clientID string) (string, error) {
	episodes, err := svc.Episodes.FindEpisodes(ctx, clientID)
	if err != nil {
		return "", err
	}
	var latest *carepath.Episode
	for _, e := range episodes {
		if latest == nil || e.AdmittedOn > latest.AdmittedOn {
			latest = e
		}
	}
	if latest == nil {
		return "", invalid("episode", "required", "Admit the client to a program first: the estimate is priced from its rates.")
	}
	return latest.ProgramID, nil
}

// diagnosisLines lists the client's active diagnoses, primary first.
func diagnosisLines(ctx context.Context, svc carepath.Services, clientID string) ([]billing.DiagnosisLine, error) {
	list, err := svc.Diagnoses.FindDiagnoses(ctx, clientID)
	if err != nil {
		return nil, err
	}
	var primary, rest []billing.DiagnosisLine
	for _, d := range list {
		if !d.Active() {
			continue
		}
		line := billing.DiagnosisLine{Code: d.Code, Description: d.Description}
		if d.Primary {
			primary = append(primary, line)
		} else {
			rest = append(rest, line)
		}
	}
	return append(primary, rest...), nil
}

func person(c *carepath.Client) billing.Person {
	return billing.Person{Name: c.GivenName + " " + c.FamilyName, BirthDate: c.BirthDate}
}

func billingProvider(p *carepath.BillingProvider) billing.Provider {
	return billing.Provider{Name: p.Name, NPI: p.NPI, TaxID: p.TaxID, Phone: p.Phone,
		Address: billing.Address{Line1: p.Address.Line1, City: p.Address.City, State: p.Address.State, Zip: p.Address.Zip}}
}

// shortID is the last eight characters of id (the random part of a UUIDv7), without dashes,
// upper case.
func shortID(id string) string {
	id = strings.ToUpper(strings.ReplaceAll(id, "-", ""))
	if len(id) > 8 {
		id = id[len(id)-8:]
	}
	return id
}

// invalid is an EINVALID error naming field.
func invalid(field, code, msg string) error {
	return &carepath.Error{Code: carepath.EINVALID, Message: msg, Fields: []carepath.FieldError{{Field: field, Code: code, Message: msg}}}
}
