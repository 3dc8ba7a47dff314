package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// DisclosureService is the disclosure gate: every path that releases a client's records
// outside the care team asks it first (docs/architecture.md, "Disclosures"). The chokepoint
// applies the same check to every read by an outside actor (a payer reviewer, an outside
// party's token), so those reads need no call of their own.
type DisclosureService struct{ s *Store }

var _ carepath.DisclosureService = (*DisclosureService)(nil)

// NewDisclosureService returns the disclosure gate of s.
func NewDisclosureService(s *Store) *DisclosureService { return &DisclosureService{s: s} }

// Authorize checks that the client's records may go to recipient for purpose and returns the
// disclosure with the notice it must carry. The audit row (disclosure.release) names the
// recipient and the purpose, and its record id is the consent that allowed it.
func (svc *DisclosureService) Authorize(ctx context.Context, clientID, recipient string, purpose carepath.DisclosurePurpose) (*carepath.Disclosure, error) {
	actor, _ := carepath.ActorFrom(ctx)
	o := op{record: access.Disclosure, action: access.Release, clientID: wellFormedID(clientID), readOnly: true}
	if !actor.Outside() {
		o.validate = func() error { return carepath.CheckDisclosure(&recipient, purpose) }
		o.detail = disclosureDetail(carepath.OutsideParty{Recipient: normalRecipient(recipient), Purpose: purpose})
	}
	var d *carepath.Disclosure
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		to := carepath.OutsideParty{Recipient: recipient, Purpose: purpose}
		if actor.Outside() {
			party, err := svc.s.partyOf(ctx, tx, actor)
			if err != nil {
				return nil, err
			}
			if (recipient != "" && !strings.EqualFold(normalRecipient(recipient), party.Recipient)) ||
				(purpose != "" && purpose != party.Purpose) {
				return nil, carepath.Errorf(carepath.EFORBIDDEN, "An outside party receives records only for itself.")
			}
			to = party
			if err := clientExists(ctx, svc.s, tx, clientID); err != nil {
				return nil, err
			}
		} else if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID); err != nil {
			return nil, err
		}
		var err error
		d, err = svc.s.disclosure(ctx, tx, clientID, to)
		if err != nil {
			return nil, err
		}
		return []ref{{ID: d.ConsentID, ClientID: clientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return d, nil
}

// disclosure is the gate's rule, in tx: the records of a client who is not a Part 2 client
// may go to the recipient; a Part 2 client's only with an active Part 2 consent naming the
// recipient and the purpose (carepath.ActiveDisclosureConsent), and then with the notice. The
// disclosure is added to the request's collection (carepath.DisclosuresFrom), so that the
// adapter answering attaches the notice.
func (s *Store) disclosure(ctx context.Context, tx *sql.Tx, clientID string, to carepath.OutsideParty) (*carepath.Disclosure, error) {
	d := &carepath.Disclosure{ClientID: clientID, Recipient: to.Recipient, Purpose: to.Purpose}
	part2, err := s.part2Client(ctx, tx, clientID)
	if err != nil {
		return nil, err
	}
	if part2 {
		if to.Recipient == "" {
			return nil, &carepath.Error{Code: carepath.EFORBIDDEN, Message: "These records are protected by 42 CFR Part 2.",
				Fields: []carepath.FieldError{{Field: "consent", Code: carepath.MissingConsentCode,
					Message: "This account names no organization, so no consent can name it as the recipient. An admin records the reviewer's organization first."}}}
		}
		consents, err := s.part2Consents(ctx, tx, clientID)
		if err != nil {
			return nil, err
		}
		c := carepath.ActiveDisclosureConsent(consents, to.Recipient, to.Purpose, s.timestamp().Format(carepath.DateLayout))
		if c == nil {
			return nil, carepath.MissingConsent(to.Recipient, to.Purpose)
		}
		d.Part2, d.ConsentID, d.Notice = true, c.ID, carepath.RedisclosureNotice
	}
	carepath.DisclosuresFrom(ctx).Add(*d)
	return d, nil
}

// part2Client applies carepath.IsPart2Client to the client's episodes' programs.
func (s *Store) part2Client(ctx context.Context, tx *sql.Tx, clientID string) (bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT p.part2 FROM episodes e JOIN programs p ON p.id = e.program_id
		WHERE e.client_id = $1`, clientID)
	if err != nil {
		return false, fmt.Errorf("select part2 programs: %w", s.translate(err))
	}
	defer rows.Close()
	var marks []bool
	for rows.Next() {
		var part2 bool
		if err := rows.Scan(&part2); err != nil {
			return false, fmt.Errorf("scan part2 program: %w", s.translate(err))
		}
		marks = append(marks, part2)
	}
	if err := rows.Err(); err != nil {
		return false, fmt.Errorf("select part2 programs: %w", s.translate(err))
	}
	var any bool
	if len(marks) == 0 {
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM programs WHERE part2)`).Scan(&any); err != nil {
			return false, fmt.Errorf("select part2 programs: %w", s.translate(err))
		}
	}
	return carepath.IsPart2Client(marks, any), nil
}

// part2Consents reads the client's Part 2 disclosure consents that are not revoked.
func (s *Store) part2Consents(ctx context.Context, tx *sql.Tx, clientID string) ([]*carepath.Consent, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+consentColumns+` FROM consents
		WHERE client_id = $1 AND kind = 'part2_disclosure' AND revoked_at IS NULL`, clientID)
	if err != nil {
		return nil, fmt.Errorf("select consents: %w", s.translate(err))
	}
	defer rows.Close()
	var list []*carepath.Consent
	for rows.Next() {
		c, err := scanConsent(rows)
		if err != nil {
			return nil, fmt.Errorf("scan consent: %w", s.translate(err))
		}
		list = append(list, c)
	}
	return list, rows.Err()
}

// partyOf returns the outside party an outside actor reads for: its token's party, or a payer
// reviewer's organization, for payment.
func (s *Store) partyOf(ctx context.Context, tx *sql.Tx, actor carepath.Actor) (carepath.OutsideParty, error) {
	if !actor.Party.IsZero() || actor.Role != carepath.RoleReviewer {
		return actor.Party, nil
	}
	var org string
	err := tx.QueryRowContext(ctx, `SELECT organization FROM staff WHERE id = $1`, actor.ID).Scan(&org)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return carepath.OutsideParty{}, fmt.Errorf("select organization: %w", s.translate(err))
	}
	return carepath.OutsideParty{Recipient: org, Purpose: carepath.PurposePayment}, nil
}

// discloseRefs is the chokepoint's gate for a read by an outside actor: every client the read
// touched (the records it returns, the clients a list showed, the client the call names) goes
// through the disclosure rule for the actor's party. One client without consent refuses the
// whole read, so nothing is released.
func (s *Store) discloseRefs(ctx context.Context, tx *sql.Tx, o op, refs []ref) error {
	actor, _ := carepath.ActorFrom(ctx)
	if !actor.Outside() || o.record == access.Disclosure {
		return nil
	}
	party, err := s.partyOf(ctx, tx, actor)
	if err != nil {
		return err
	}
	seen := map[string]bool{"": true}
	clients := []string{o.clientID}
	for _, r := range refs {
		clients = append(clients, r.ClientID)
	}
	for _, c := range clients {
		if seen[c] {
			continue
		}
		seen[c] = true
		if _, err := s.disclosure(ctx, tx, c, party); err != nil {
			return err
		}
	}
	return nil
}

// disclosureDetail is what an audit row says of a disclosure: to whom and why.
func disclosureDetail(to carepath.OutsideParty) string {
	return "to=" + to.Recipient + "; purpose=" + string(to.Purpose)
}

// normalRecipient trims a recipient's name and folds its runs of spaces.
func normalRecipient(s string) string { return strings.Join(strings.Fields(s), " ") }

// clientExists returns ENOTFOUND when there is no client id.
func clientExists(ctx context.Context, s *Store, tx *sql.Tx, id string) error {
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM clients WHERE id = $1`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return clientNotFound()
	}
	if err != nil {
		return fmt.Errorf("select client: %w", s.translate(err))
	}
	return nil
}
