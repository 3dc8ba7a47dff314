package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/billing"
	"github.com/carepath/carepath/internal/x12"
)

// Coordination of benefits. A client's secondary payer is billed a charge only after the
// primary payer's remittance settled it (paid, partially paid or denied), and only when the
// primary left the client something to pay (patient responsibility); the secondary's claim
// carries the line as the primary's claim had it, with the primary's payment, adjustments and
// payment date. A charge the primary has not been sent, or has not answered, is held.

// The holds of a charge a secondary payer cannot be billed yet.
const (
	ruleSecondaryAfterPrimary = "primary_remittance"
	reasonPrimaryNotBilled    = "not yet billed to the primary payer"
	reasonPrimaryWaiting      = "waiting for the primary payer's remittance"
	reasonPrimaryUnbalanced   = "the primary payer's remittance does not account for all of this charge"
)

// cob is what billing a client's secondary payer needs: the primary payer and coverage as the
// claim names them, and what the primary decided about each of the client's charges.
type cob struct {
	other     x12.OtherPayer
	decisions map[string]primaryDecision
}

// primaryDecision is where one charge stands with the primary payer. hold is why the secondary
// cannot be billed it yet ("" when it can); otherwise line is the charge as the primary's claim
// had it, adjudication what the primary decided and patient what it left to the client.
type primaryDecision struct {
	hold         string
	line         billing.Charge
	adjudication x12.LineAdjudication
	patient      carepath.Cents
}

// secondaryClients returns the clients of run whose secondary payer is payer (and whose primary
// is another payer), each with their primary coverage and what the primary decided.
func (svc *ClaimService) secondaryClients(ctx context.Context, tx *sql.Tx, payer *carepath.Payer, format carepath.ClaimFormat,
	run chargeRun) (map[string]*cob, error) {
	rows, err := tx.QueryContext(ctx, `SELECT client_id FROM coverages WHERE payer_id = $1 AND rank = 2 AND ended_on = '' ORDER BY client_id`, payer.ID)
	if err != nil {
		return nil, fmt.Errorf("select secondary coverages: %w", svc.s.translate(err))
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("select secondary coverages: %w", err)
		}
		if _, charged := run.payerOf[id]; charged {
			ids = append(ids, id)
		}
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("select secondary coverages: %w", svc.s.translate(err))
	}
	out := map[string]*cob{}
	for _, id := range ids {
		covs, err := findCoverages(ctx, tx, svc.s, id)
		if err != nil {
			return nil, err
		}
		var primary *carepath.ClientCoverage
		for _, cv := range covs {
			if cv.Rank == 1 {
				primary = cv
			}
		}
		if primary == nil || primary.PayerID == payer.ID {
			continue
		}
		pp, err := readPayer(ctx, tx, svc.s, primary.PayerID)
		if err != nil {
			return nil, err
		}
		client, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		c := &cob{other: x12.OtherPayer{Payer: x12.Payer{Name: pp.Name, ID: pp.PayerID, FilingIndicator: filingIndicator(pp, format)},
			Subscriber: x12.Subscriber{Person: x12.Person{Last: client.FamilyName, First: client.GivenName}, MemberID: primary.MemberID,
				GroupNumber: primary.GroupID, Responsibility: "P"}, Relationship: "18"}}
		if primary.Relationship != carepath.RelationshipSelf {
			first, last, _ := strings.Cut(primary.SubscriberName, " ")
			if last == "" {
				first, last = "", first
			}
			c.other.Subscriber.Person = x12.Person{Last: last, First: first}
			c.other.Relationship = map[carepath.Relationship]string{carepath.RelationshipSpouse: "01", carepath.RelationshipChild: "19"}[primary.Relationship]
			if c.other.Relationship == "" {
				c.other.Relationship = "G8"
			}
		}
		if c.decisions, err = svc.primaryDecisions(ctx, tx, id, primary.PayerID); err != nil {
			return nil, err
		}
		out[id] = c
	}
	return out, nil
}

// filingIndicator is the claim filing indicator (SBR09) of payer p on claims of format: Medicare
// Part B on professional claims and Part A on institutional ones, else commercial.
func filingIndicator(p *carepath.Payer, format carepath.ClaimFormat) string {
	switch {
	case !p.Medicare:
		return "CI"
	case format == carepath.Claim837I:
		return "MA"
	}
	return "MB"
}

// primaryDecisions reads where each charge of the client billed to the primary payer (by its
// record id) stands: the latest live claim holding the charge decides (a replaced or voided
// claim, and a void, decide nothing), and a settled one's postings give the primary's payment,
// adjustments and payment date.
func (svc *ClaimService) primaryDecisions(ctx context.Context, tx *sql.Tx, clientID, primaryPayerID string) (map[string]primaryDecision, error) {
	claims, err := svc.readClaims(ctx, tx, `client_id = $1 AND status NOT IN ('held', 'reversed', 'replaced', 'voided')
		AND batch_id IN (SELECT id FROM claim_batches WHERE payer_id = $2)`, clientID, primaryPayerID)
	if err != nil {
		return nil, err
	}
	out := map[string]primaryDecision{}
	for _, c := range claims {
		if c.claim.Frequency == billing.FrequencyVoid {
			continue // a void withdraws a claim; it decides nothing for the secondary
		}
		settled := c.status == carepath.ClaimPaid || c.status == carepath.ClaimPartiallyPaid || c.status == carepath.ClaimDenied
		var postings map[string][]billing.Posting
		if settled {
			if postings, err = svc.chargePostings(ctx, tx, c.rowID); err != nil {
				return nil, err
			}
		}
		for _, l := range c.claim.Lines {
			if !settled {
				out[l.ID] = primaryDecision{hold: reasonPrimaryWaiting}
				continue
			}
			out[l.ID] = decide(l, postings[l.ID])
		}
	}
	return out, nil
}

// decide sums what the primary's postings say of line: its payment, its adjustments (one per
// group and reason, in the order first posted), the latest payment date and the client's share.
func decide(line billing.Charge, postings []billing.Posting) primaryDecision {
	d := primaryDecision{line: line}
	sum := carepath.Cents(0)
	for _, p := range postings {
		d.adjudication.Paid += p.Paid
		sum += p.Paid
		d.patient += p.PatientResponsibility()
		d.adjudication.Date = max(d.adjudication.Date, p.Date)
		for _, a := range p.Adjustments {
			sum += a.Cents
			i := slices.IndexFunc(d.adjudication.Adjustments, func(b billing.Adjustment) bool { return b.Group == a.Group && b.Reason == a.Reason })
			if i < 0 {
				d.adjudication.Adjustments = append(d.adjudication.Adjustments, billing.Adjustment{Group: a.Group, Reason: a.Reason, Cents: a.Cents})
			} else {
				d.adjudication.Adjustments[i].Cents += a.Cents
			}
		}
	}
	d.adjudication.Adjustments = slices.DeleteFunc(d.adjudication.Adjustments, func(a billing.Adjustment) bool { return a.Cents == 0 })
	if len(postings) == 0 || sum != line.Cents {
		d.hold = reasonPrimaryUnbalanced
	}
	return d
}

// chargePostings reads the postings of claim rowID by charge.
func (svc *ClaimService) chargePostings(ctx context.Context, tx *sql.Tx, rowID string) (map[string][]billing.Posting, error) {
	list, err := readPostings(ctx, tx, svc.s, "claim_id", rowID)
	if err != nil {
		return nil, err
	}
	out := map[string][]billing.Posting{}
	for _, p := range list {
		out[p.ChargeID] = append(out[p.ChargeID], p)
	}
	return out, nil
}

// readPostings reads the postings whose column (claim_id or client_id) is id, in the order
// they were posted.
func readPostings(ctx context.Context, tx *sql.Tx, s *Store, column, id string) ([]billing.Posting, error) {
	rows, err := tx.QueryContext(ctx, `SELECT data FROM postings WHERE `+column+` = $1 ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("select postings: %w", s.translate(err))
	}
	defer rows.Close()
	var out []billing.Posting
	for rows.Next() {
		var data string
		var p billing.Posting
		if err := rows.Scan(&data); err != nil {
			return nil, fmt.Errorf("select postings: %w", err)
		}
		if err := json.Unmarshal([]byte(data), &p); err != nil {
			return nil, fmt.Errorf("decode posting: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("select postings: %w", s.translate(err))
	}
	return out, nil
}

// withSecondary returns run as the secondary payer payerID bills the clients in cobs: a charge
// the primary settled leaving the client something to pay becomes the line the primary's claim
// had; one the primary left nothing of is left out; one the primary has not settled is held,
// saying why. It also returns the clients some of whose charges were left out.
func (run chargeRun) withSecondary(payerID string, cobs map[string]*cob) (chargeRun, map[string]bool) {
	out := chargeRun{payerOf: map[string]string{}}
	left := map[string]bool{}
	kept := map[string]bool{}
	for _, c := range run.billing {
		cb := cobs[c.ClientID]
		if cb == nil {
			out.billing = append(out.billing, c)
			out.payerOf[c.ClientID] = run.payerOf[c.ClientID]
			kept[c.ID] = true
			continue
		}
		d, billed := cb.decisions[c.ID]
		switch {
		case !billed:
			c.Holds = append(slices.Clone(c.Holds), billing.Hold{Rule: ruleSecondaryAfterPrimary, Reason: reasonPrimaryNotBilled})
		case d.hold != "":
			c.Holds = append(slices.Clone(c.Holds), billing.Hold{Rule: ruleSecondaryAfterPrimary, Reason: d.hold})
		case d.patient <= 0:
			left[c.ClientID] = true
			continue
		default:
			c = d.line
		}
		out.billing = append(out.billing, c)
		out.payerOf[c.ClientID] = payerID
		kept[c.ID] = true
	}
	for _, c := range run.charges {
		if kept[c.ID] {
			out.charges = append(out.charges, c)
		}
	}
	return out, left
}

// otherPayer is the primary's adjudication of claim c's lines, or nil when cb is (the client's
// batch payer is their primary).
func (cb *cob) otherPayer(c billing.Claim) *x12.OtherPayer {
	if cb == nil {
		return nil
	}
	o := cb.other
	o.Lines = nil
	for _, l := range c.Lines {
		o.Lines = append(o.Lines, cb.decisions[l.ID].adjudication)
	}
	return &o
}
