package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/billing"
	"github.com/carepath/carepath/icd10"
	"github.com/carepath/carepath/internal/x12"
	"github.com/google/uuid"
)

// ClaimService makes claim batches from charges and posts remittances. A batch is built, written
// as an 837 and stored in one transaction, so a batch that cannot be made leaves nothing.
type ClaimService struct {
	s     *Store
	codes *codeSetCache
}

var _ carepath.ClaimService = (*ClaimService)(nil)

// NewClaimService returns the claim service of s.
func NewClaimService(s *Store) *ClaimService { return &ClaimService{s: s, codes: &codeSetCache{}} }

// SetBillingProvider sets the clinic as claims name it.
func (svc *ClaimService) SetBillingProvider(ctx context.Context, p carepath.BillingProvider) (*carepath.BillingProvider, error) {
	o := op{record: access.Charge, action: access.Update, detail: "billing_provider", validate: func() error {
		err := p.Validate()
		var errs carepath.FieldErrors
		if err != nil {
			errs = carepath.ErrorFields(err)
		}
		if !billing.ValidNPI(p.NPI) {
			errs.Add("npi", "format", "Please give the clinic's 10-digit NPI (its check digit must be right).")
		}
		if p.AttendingNPI != "" && !billing.ValidNPI(p.AttendingNPI) {
			errs.Add("attending_npi", "format", "Please give the attending physician's 10-digit NPI (its check digit must be right).")
		}
		return errs.Err()
	}}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := tx.ExecContext(ctx, `DELETE FROM billing_provider`); err != nil {
			return nil, fmt.Errorf("replace billing provider: %w", svc.s.translate(err))
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO billing_provider (id, name, npi, tax_id, line1, city, state, zip, phone,
			submitter_id, taxonomy, updated_at, attending_npi, attending_last, attending_first)
			VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
			p.Name, p.NPI, p.TaxID, p.Address.Line1, p.Address.City, p.Address.State, p.Address.Zip, p.Phone, p.SubmitterID,
			p.Taxonomy, svc.s.timestamp(), p.AttendingNPI, p.AttendingLast, p.AttendingFirst); err != nil {
			return nil, fmt.Errorf("set billing provider: %w", svc.s.translate(err))
		}
		return nil, nil
	})
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// FindBillingProvider returns the clinic as billing provider.
func (svc *ClaimService) FindBillingProvider(ctx context.Context) (*carepath.BillingProvider, error) {
	var p *carepath.BillingProvider
	err := svc.s.do(ctx, op{record: access.Payer, action: access.Read, detail: "billing_provider"}, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		var err error
		p, err = readBillingProvider(ctx, tx, svc.s)
		return nil, err
	})
	return p, err
}

// readBillingProvider reads the clinic as claims name it; EINVALID naming billing_provider
// when it was never set.
func readBillingProvider(ctx context.Context, tx *sql.Tx, s *Store) (*carepath.BillingProvider, error) {
	var p carepath.BillingProvider
	err := tx.QueryRowContext(ctx, `SELECT name, npi, tax_id, line1, city, state, zip, phone, submitter_id, taxonomy,
		attending_npi, attending_last, attending_first FROM billing_provider WHERE id = 1`).Scan(&p.Name, &p.NPI, &p.TaxID,
		&p.Address.Line1, &p.Address.City, &p.Address.State, &p.Address.Zip, &p.Phone, &p.SubmitterID, &p.Taxonomy,
		&p.AttendingNPI, &p.AttendingLast, &p.AttendingFirst)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, invalidField("billing_provider", "required", "An admin must first set the clinic's billing details (name, NPI, tax id, address).")
	}
	if err != nil {
		return nil, fmt.Errorf("select billing provider: %w", s.translate(err))
	}
	return &p, nil
}

// checkBatchInput checks a claim batch request's form.
func checkBatchInput(in *carepath.ClaimBatchInput) error {
	var errs carepath.FieldErrors
	in.PayerID = strings.TrimSpace(in.PayerID)
	if in.PayerID == "" {
		errs.Add("payer_id", "required", "Please choose the payer.")
	}
	if !in.Format.Valid() {
		errs.Add("format", "enum", "Use 837P (professional) or 837I (institutional).")
	}
	if err := checkChargeFilter(carepath.ChargeFilter{From: in.From, To: in.To}); err != nil {
		errs = append(errs, carepath.ErrorFields(err)...)
	}
	for i, id := range in.ClientIDs {
		if wellFormedID(id) == "" {
			errs.Add(fmt.Sprintf("client_ids[%d]", i), "format", "Please give a well-formed client id.")
		}
	}
	return errs.Err()
}

// CreateClaimBatch builds, writes and stores a batch.
func (svc *ClaimService) CreateClaimBatch(ctx context.Context, in carepath.ClaimBatchInput) (*carepath.ClaimBatch, error) {
	var out *carepath.ClaimBatch
	o := op{record: access.Charge, action: access.Create, detail: "claim_batch", validate: func() error { return checkBatchInput(&in) }}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		payer, err := readPayer(ctx, tx, svc.s, in.PayerID)
		if carepath.ErrorCode(err) == carepath.ENOTFOUND {
			return nil, invalidField("payer_id", "unknown", "There is no such payer: choose one from the payer list.")
		} else if err != nil {
			return nil, err
		}
		provider, err := readBillingProvider(ctx, tx, svc.s)
		if err != nil {
			return nil, err
		}
		b, refs, err := svc.build(ctx, tx, in, payer, provider, nil)
		if err != nil {
			return nil, err
		}
		out = b
		return refs, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return out, nil
}

// batchClient is one client of a batch with their coverage with the payer.
type batchClient struct {
	client   *carepath.Client
	coverage *carepath.ClientCoverage
	cob      *cob // the primary's adjudication when the payer is the client's secondary, else nil
}

// batchClients picks the batch's clients: those asked for (each must have coverage with the
// payer), else every client whose primary payer it is, or whose secondary payer it is, and who
// has charges in the period.
func (svc *ClaimService) batchClients(ctx context.Context, tx *sql.Tx, in carepath.ClaimBatchInput, payer *carepath.Payer, run chargeRun) ([]batchClient, error) {
	ids := in.ClientIDs
	if len(ids) == 0 {
		for client, p := range run.payerOf {
			if p == payer.ID {
				ids = append(ids, client)
			}
		}
		slices.Sort(ids)
	}
	var out []batchClient
	for i, id := range ids {
		c, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		covs, err := findCoverages(ctx, tx, svc.s, id)
		if err != nil {
			return nil, err
		}
		var cov *carepath.ClientCoverage
		for _, cv := range covs {
			if cv.PayerID == payer.ID {
				cov = cv
				break
			}
		}
		if cov == nil {
			return nil, invalidField(fmt.Sprintf("client_ids[%d]", i), "no_coverage",
				fmt.Sprintf("Client %s has no coverage with %s on file: record it before billing them.", id, payer.Name))
		}
		out = append(out, batchClient{client: c, coverage: cov})
	}
	return out, nil
}

// build makes the batch: one claim per client (held when nothing is ready to bill), the 837 of
// the billable ones, and the rows. With fix it makes the one replacement claim of fix's
// original instead, from the original's charges only.
func (svc *ClaimService) build(ctx context.Context, tx *sql.Tx, in carepath.ClaimBatchInput, payer *carepath.Payer,
	provider *carepath.BillingProvider, fix *correction) (*carepath.ClaimBatch, []ref, error) {
	run, err := computeCharges(ctx, tx, svc.s, carepath.ChargeFilter{From: in.From, To: in.To})
	if err != nil {
		return nil, nil, err
	}
	billed, err := billedCharges(ctx, tx, svc.s, in.From, in.To, payer.ID)
	if err != nil {
		return nil, nil, err
	}
	if fix != nil {
		run = run.only(fix.chargeIDs())
		for id := range fix.chargeIDs() {
			delete(billed, id)
		}
	}
	run, alreadyBilled := run.withoutBilled(billed)
	cobs, err := svc.secondaryClients(ctx, tx, payer, in.Format, run)
	if err != nil {
		return nil, nil, err
	}
	run, paidByPrimary := run.withSecondary(payer.ID, cobs)
	for i, id := range in.ClientIDs {
		if _, unbilled := run.payerOf[id]; !unbilled && alreadyBilled[id] {
			if fix != nil {
				return nil, nil, fix.notBillable("every charge of it is now on another claim that was sent")
			}
			return nil, nil, invalidField(fmt.Sprintf("client_ids[%d]", i), "already_billed",
				"Every charge of this client in the period is already on a claim that was sent; a charge is billed once. Bill a denied claim's charges again, or choose other days.")
		}
		if _, unbilled := run.payerOf[id]; !unbilled && paidByPrimary[id] {
			return nil, nil, invalidField(fmt.Sprintf("client_ids[%d]", i), "nothing_left",
				"The primary payer left this client nothing to pay on their charges in the period: there is nothing to bill the secondary payer.")
		}
	}
	clients, err := svc.batchClients(ctx, tx, in, payer, run)
	if err != nil {
		return nil, nil, err
	}
	for i := range clients {
		if clients[i].coverage.Rank == 2 {
			clients[i].cob = cobs[clients[i].client.ID]
		}
	}
	if len(clients) == 0 {
		if len(alreadyBilled) > 0 {
			return nil, nil, invalidField("payer_id", "already_billed", fmt.Sprintf("Every charge of %s's clients in %s–%s is already on a claim that was sent; a charge is billed once.", payer.Name, in.From, in.To))
		}
		if len(paidByPrimary) > 0 {
			return nil, nil, invalidField("payer_id", "nothing_left", fmt.Sprintf("The primary payers left %s's clients nothing to pay on their charges in %s–%s: there is nothing to bill %s.", payer.Name, in.From, in.To, payer.Name))
		}
		return nil, nil, invalidField("payer_id", "no_claims", fmt.Sprintf("No client of %s has charges in %s–%s.", payer.Name, in.From, in.To))
	}
	set, err := svc.codes.set(ctx, tx, svc.s)
	if err != nil {
		return nil, nil, err
	}
	batch, err := svc.newBatch(ctx, tx, in, payer)
	if err != nil {
		return nil, nil, err
	}
	var parties []x12.ClaimParties
	var built []billing.Claim
	var refs []ref
	for i, bc := range clients {
		claimID := fmt.Sprintf("B%dC%04d", batch.InterchangeControl, i+1)
		claims, held, err := svc.claimsOf(ctx, tx, bc, claimID, in, run, set, provider.AttendingNPI, payer.Medicare)
		if err != nil {
			return nil, nil, err
		}
		refs = append(refs, ref{ID: batch.ID, ClientID: bc.client.ID})
		if held != nil {
			if fix != nil {
				return nil, nil, fix.notBillable(holdReasons(held.Holds))
			}
			built = append(built, *held)
			continue
		}
		var mc billing.MedicareIOPContext
		if payer.Medicare && len(claims) > 0 {
			if mc, err = medicareContext(ctx, svc.s, tx, bc.client.ID, in.To); err != nil {
				return nil, nil, err
			}
		}
		for _, c := range claims {
			c.Status = billing.ClaimSubmitted
			if fix != nil {
				c.Frequency, c.PayerClaimControl = fix.frequency, fix.payerClaimControl
			}
			if payer.Medicare {
				if mc.AdmissionDate == "" {
					mc.AdmissionDate = c.AdmissionDate
				}
				if c = medicareHold(c, mc, set, bc.coverage); c.Status == billing.ClaimHeld {
					if fix != nil {
						return nil, nil, fix.notBillable(holdReasons(c.Holds))
					}
					built = append(built, c)
					continue
				}
			}
			cp, err := claimParties(c, bc)
			if err != nil {
				return nil, nil, err
			}
			if payer.Medicare && bc.coverage.Rank != 1 {
				cp.Subscriber.InsuranceType = bc.coverage.MedicareSecondaryType
			}
			cp.OtherPayer = bc.cob.otherPayer(c)
			parties = append(parties, cp)
			built = append(built, c)
		}
	}
	if err := svc.save(ctx, tx, batch, payer, provider, parties, built); err != nil {
		return nil, nil, err
	}
	return batch, refs, nil
}

// newBatch starts a batch of in: its id and the next interchange control number.
func (svc *ClaimService) newBatch(ctx context.Context, tx *sql.Tx, in carepath.ClaimBatchInput, payer *carepath.Payer) (*carepath.ClaimBatch, error) {
	var control int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(interchange_control), 0) + 1 FROM claim_batches`).Scan(&control); err != nil {
		return nil, fmt.Errorf("next control number: %w", svc.s.translate(err))
	}
	id, err := uuid.NewV7()
	if err != nil {
		return nil, fmt.Errorf("new id: %w", err)
	}
	actor, _ := carepath.ActorFrom(ctx)
	return &carepath.ClaimBatch{ID: id.String(), PayerID: payer.ID, PayerName: payer.Name, Format: in.Format, From: in.From,
		To: in.To, InterchangeControl: control, CreatedBy: actor.ID, CreatedAt: svc.s.timestamp(), Claims: []*carepath.Claim{}}, nil
}

// save writes the 837 of parties (the claims that are sent) and stores batch with every claim
// built, held ones too, and the charges each claim billed.
func (svc *ClaimService) save(ctx context.Context, tx *sql.Tx, batch *carepath.ClaimBatch, payer *carepath.Payer,
	provider *carepath.BillingProvider, parties []x12.ClaimParties, built []billing.Claim) error {
	control, now := batch.InterchangeControl, batch.CreatedAt
	var file bytes.Buffer
	if len(parties) > 0 {
		b837 := x12.Batch837{Envelope: x12.Envelope{SenderID: provider.SubmitterID, ReceiverID: clip15(payer.PayerID),
			InterchangeControl: control, GroupControl: control, Production: true, Created: now},
			Reference: fmt.Sprintf("B%d", control),
			Submitter: x12.Party{Name: provider.Name, ID: provider.SubmitterID, Contact: x12.Contact{Name: "Billing office", Phone: provider.Phone}},
			Receiver:  x12.Party{Name: payer.Name, ID: payer.PayerID},
			BillingProvider: billing.Provider{Name: provider.Name, NPI: provider.NPI, TaxID: provider.TaxID, Phone: provider.Phone,
				Address: billing.Address{Line1: provider.Address.Line1, City: provider.Address.City, State: provider.Address.State, Zip: provider.Address.Zip}},
			Taxonomy: provider.Taxonomy, Payer: x12.Payer{Name: payer.Name, ID: payer.PayerID, FilingIndicator: filingIndicator(payer, batch.Format)}, Claims: parties,
			Clinicians: map[string]x12.Clinician{}}
		if provider.AttendingNPI != "" {
			b837.Clinicians[provider.AttendingNPI] = x12.Clinician{NPI: provider.AttendingNPI, Last: provider.AttendingLast, First: provider.AttendingFirst}
		}
		if _, err := x12.Write837(&file, b837); err != nil {
			return err
		}
	}
	for _, c := range built {
		if c.Status != billing.ClaimHeld {
			batch.Total += c.Total
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO claim_batches (id, payer_id, format, from_on, to_on, interchange_control, file,
		total_cents, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		batch.ID, payer.ID, string(batch.Format), batch.From, batch.To, control, file.String(), int64(batch.Total), batch.CreatedBy, now); err != nil {
		return fmt.Errorf("insert claim batch: %w", svc.s.translate(err))
	}
	for _, c := range built {
		status := string(c.Status)
		if status == "" {
			status = carepath.ClaimDraft
		}
		data, err := json.Marshal(c)
		if err != nil {
			return fmt.Errorf("encode claim: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO claims (id, batch_id, client_id, status, total_cents, data) VALUES ($1, $2, $3, $4, $5, $6)`,
			batch.ID+":"+c.ID, batch.ID, c.ClientID, status, int64(c.Total), string(data)); err != nil {
			return fmt.Errorf("insert claim: %w", svc.s.translate(err))
		}
		if err := recordClaimCharges(ctx, tx, svc.s, batch.ID+":"+c.ID, c); err != nil {
			return err
		}
		batch.Claims = append(batch.Claims, claimOf(batch.ID, c, status, 0, 0))
	}
	return nil
}

// claimsOf builds one client's claims; held is a held claim instead when nothing is ready to
// bill (its held charges say why).
func (svc *ClaimService) claimsOf(ctx context.Context, tx *sql.Tx, bc batchClient, claimID string, in carepath.ClaimBatchInput,
	run chargeRun, set *icd10.Set, attending string, medicare bool) (claims []billing.Claim, held *billing.Claim, err error) {
	var mine []billing.Charge
	ready := 0
	for _, c := range run.billing {
		if c.ClientID == bc.client.ID {
			mine = append(mine, c)
			if !c.Held() {
				ready++
			}
		}
	}
	if ready == 0 {
		h := billing.Claim{ID: claimID, ClientID: bc.client.ID, PayerID: bc.coverage.PayerID, Format: billing.ClaimFormat(in.Format),
			From: in.From, Through: in.To, HeldCharges: mine, Status: billing.ClaimHeld}
		for _, c := range mine {
			h.Holds = append(h.Holds, c.Holds...)
		}
		if len(h.Holds) == 0 {
			h.Holds = []billing.Hold{{Rule: "charges", Reason: "no charges in the period"}}
		}
		return nil, &h, nil
	}
	dx, err := findDiagnoses(ctx, tx, svc.s, bc.client.ID)
	if err != nil {
		return nil, nil, err
	}
	var codes []string
	for _, d := range dx {
		if d.Active() {
			codes = append(codes, d.Code)
		}
	}
	var auth, admitted string
	var conditions []string
	if medicare {
		// An IOP claim to Medicare carries condition code 92.
		conditions = []string{"92"}
	}
	_ = tx.QueryRowContext(ctx, `SELECT number FROM authorizations WHERE client_id = $1 AND payer_id = $2 AND start_on <= $4 AND end_on >= $3
		ORDER BY start_on LIMIT 1`, bc.client.ID, bc.coverage.PayerID, in.From, in.To).Scan(&auth)
	var discharged string
	_ = tx.QueryRowContext(ctx, `SELECT admitted_on, discharged_on FROM episodes WHERE client_id = $1 AND admitted_on <= $2
		ORDER BY admitted_on DESC LIMIT 1`, bc.client.ID, in.To).Scan(&admitted, &discharged)
	frequency, status := stayFrequency(billing.ClaimFormat(in.Format), in.From, in.To, admitted, discharged)
	claims, err = billing.BuildClaims(billing.ClaimInput{ID: claimID, ClientID: bc.client.ID, PayerID: bc.coverage.PayerID,
		Format: billing.ClaimFormat(in.Format), From: in.From, Through: in.To, HasCoverage: true, Charges: mine, Diagnoses: codes,
		PriorAuthorization: auth, FacilityType: billing.FacilityCMHC, Frequency: frequency, PatientStatus: status,
		AdmissionDate: admitted, ConditionCodes: conditions, AttendingNPI: attending}, set)
	if err != nil {
		msg := carepath.ErrorMessage(err)
		if fs := carepath.ErrorFields(err); len(fs) > 0 {
			msg = fs[0].Message
		}
		return nil, nil, invalidField("client_id", "claim", fmt.Sprintf("The claim of client %s cannot be made: %s.", bc.client.ID, msg))
	}
	return claims, nil, nil
}

// claimParties names the people of claim c: the subscriber and, when the client is not the
// subscriber, the client as patient.
func claimParties(c billing.Claim, bc batchClient) (x12.ClaimParties, error) {
	cov := bc.coverage
	if cov.SubscriberAddress == nil {
		return x12.ClaimParties{}, invalidField("client_id", "subscriber_address",
			fmt.Sprintf("The coverage of client %s has no subscriber address, which claims need: record it with the coverage.", bc.client.ID))
	}
	a := cov.SubscriberAddress
	addr := billing.Address{Line1: a.Line1, City: a.City, State: a.State, Zip: a.Zip}
	client := x12.Person{Last: bc.client.FamilyName, First: bc.client.GivenName, BirthDate: bc.client.BirthDate, Sex: bc.client.ClaimSex(), Address: addr}
	cp := x12.ClaimParties{Claim: c, Subscriber: x12.Subscriber{Person: client, MemberID: cov.MemberID, GroupNumber: cov.GroupID, Responsibility: "P"}}
	if cov.Rank == 2 {
		cp.Subscriber.Responsibility = "S"
	}
	if cov.Relationship != carepath.RelationshipSelf {
		first, last, _ := strings.Cut(cov.SubscriberName, " ")
		if last == "" {
			first, last = "", first
		}
		cp.Subscriber.Person = x12.Person{Last: last, First: first, Sex: "U", Address: addr}
		rel := map[carepath.Relationship]string{carepath.RelationshipSpouse: "01", carepath.RelationshipChild: "19"}[cov.Relationship]
		if rel == "" {
			rel = "G8"
		}
		cp.Patient = &x12.Patient{Person: client, Relationship: rel}
	}
	return cp, nil
}

// claimOf is a stored claim in carepath's words. The payer's claim control number c carries
// is the one of the claim it corrects (REF*F8), not its own: the caller sets that.
func claimOf(batchID string, c billing.Claim, status string, paid, patient carepath.Cents) *carepath.Claim {
	out := &carepath.Claim{ID: c.ID, BatchID: batchID, ClientID: c.ClientID, Status: status, Lines: len(c.Lines), Total: c.Total,
		Paid: paid, PatientResponsibility: patient, Frequency: c.Frequency}
	for _, h := range c.Holds {
		out.Holds = append(out.Holds, carepath.ChargeHold{Rule: h.Rule, Reason: h.Reason})
	}
	for _, hc := range c.HeldCharges {
		if status == carepath.ClaimHeld {
			out.Total += hc.Cents // a held claim's holds already say why
			continue
		}
		left := carepath.ChargeLeftOut{ChargeID: hc.ID, Date: hc.Date, Code: hc.Code, Cents: hc.Cents}
		for _, h := range hc.Holds {
			if !h.Warning {
				left.Holds = append(left.Holds, carepath.ChargeHold{Rule: h.Rule, Reason: h.Reason})
			}
		}
		out.LeftOut = append(out.LeftOut, left)
	}
	return out
}

// clip15 is s cut to the 15 characters an ISA id holds.
func clip15(s string) string {
	if len(s) > 15 {
		return s[:15]
	}
	return s
}

// batchNotFound is the error of an unknown batch.
func batchNotFound() error {
	return carepath.Errorf(carepath.ENOTFOUND, "There is no such claim batch.")
}

// stayFrequency returns the bill-type frequency and patient status of an institutional claim
// for the period from–to of a stay admitted (and discharged, "" while open) on those days: a
// stay still open at the period's end is an interim claim, the first when it was admitted in
// the period, and the person is still a patient (30); a stay that ended by then is billed
// admit-through-discharge, or as the last interim claim, and the person went home (01). A
// professional claim is an original claim (1).
func stayFrequency(format billing.ClaimFormat, from, to, admitted, discharged string) (frequency, status string) {
	if format != billing.Format837I {
		return billing.FrequencyAdmitThroughDischarge, "30"
	}
	admittedInPeriod := admitted == "" || admitted >= from
	if discharged != "" && discharged <= to {
		if admittedInPeriod {
			return billing.FrequencyAdmitThroughDischarge, "01"
		}
		return billing.FrequencyInterimLast, "01"
	}
	if admittedInPeriod {
		return billing.FrequencyInterimFirst, "30"
	}
	return billing.FrequencyInterimContinuing, "30"
}
