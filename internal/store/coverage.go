package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/google/uuid"
)

// CoverageService keeps clients' insurance plans. Every call goes through the chokepoint; the
// audit rows name the coverage and its client, never the member id or the figures.
type CoverageService struct{ s *Store }

var _ carepath.CoverageService = (*CoverageService)(nil)

// NewCoverageService returns the coverage service of s.
func NewCoverageService(s *Store) *CoverageService { return &CoverageService{s: s} }

const coverageColumns = `c.id, c.client_id, c.payer_id, p.name, c.rank, c.member_id, c.group_id, c.subscriber_name,
	c.subscriber_line1, c.subscriber_city, c.subscriber_state, c.subscriber_zip, c.relationship, c.plan_year_start, c.deductible_cents, c.deductible_met_cents, c.coinsurance_percent, c.copay_cents,
	c.out_of_pocket_max_cents, c.out_of_pocket_met_cents, c.in_network, c.medicare_secondary_type, c.ended_on, c.recorded_by, c.created_at`

// AddCoverage records a coverage of the client. A coverage of the same rank still in force is
// ended on the new one's plan-year start (or today, when that is later), in the same
// transaction.
func (svc *CoverageService) AddCoverage(ctx context.Context, clientID string, in carepath.CoverageInput) (*carepath.ClientCoverage, error) {
	var c *carepath.ClientCoverage
	o := op{record: access.Coverage, action: access.Create, clientID: wellFormedID(clientID), validate: in.Validate}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		client, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID)
		if err != nil {
			return nil, err
		}
		payer, err := readPayer(ctx, tx, svc.s, in.PayerID)
		if carepath.ErrorCode(err) == carepath.ENOTFOUND {
			return nil, invalidField("payer_id", "unknown", "There is no such payer: choose one from the payer list.")
		} else if err != nil {
			return nil, err
		}
		if in.MedicareSecondaryType != "" && !payer.Medicare {
			return nil, invalidField("medicare_secondary_type", "not_medicare", fmt.Sprintf(
				"%s is not marked as Medicare: only a Medicare coverage says why Medicare pays second. Leave this empty, or mark the payer as Medicare first.", payer.Name))
		}
		id, err := uuid.NewV7()
		if err != nil {
			return nil, fmt.Errorf("new id: %w", err)
		}
		actor, _ := carepath.ActorFrom(ctx)
		inNetwork := in.InNetwork == nil || *in.InNetwork
		c = &carepath.ClientCoverage{ID: id.String(), ClientID: client.ID, PayerID: payer.ID, PayerName: payer.Name, Rank: in.Rank,
			MemberID: in.MemberID, GroupID: in.GroupID, SubscriberName: in.SubscriberName, SubscriberAddress: in.SubscriberAddress, Relationship: in.Relationship,
			PlanYearStart: in.PlanYearStart, Deductible: in.Deductible, DeductibleMet: in.DeductibleMet,
			CoinsurancePercent: in.CoinsurancePercent, Copay: in.Copay, OutOfPocketMax: in.OutOfPocketMax,
			OutOfPocketMet: in.OutOfPocketMet, InNetwork: inNetwork, MedicareSecondaryType: in.MedicareSecondaryType, RecordedBy: actor.ID,
			CreatedAt: svc.s.timestamp()}
		ended := max(c.PlanYearStart, svc.s.now().UTC().Format(carepath.DateLayout))
		if _, err := tx.ExecContext(ctx, `UPDATE coverages SET ended_on = $3 WHERE client_id = $1 AND rank = $2 AND ended_on = ''`,
			client.ID, c.Rank, ended); err != nil {
			return nil, fmt.Errorf("end coverage: %w", svc.s.translate(err))
		}
		var addr carepath.PostalAddress
		if c.SubscriberAddress != nil {
			addr = *c.SubscriberAddress
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO coverages (id, client_id, payer_id, rank, member_id, group_id,
			subscriber_name, relationship, plan_year_start, deductible_cents, deductible_met_cents, coinsurance_percent,
			copay_cents, out_of_pocket_max_cents, out_of_pocket_met_cents, in_network, ended_on, recorded_by, created_at,
			subscriber_line1, subscriber_city, subscriber_state, subscriber_zip, medicare_secondary_type)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, '', $17, $18, $19, $20, $21, $22, $23)`,
			c.ID, c.ClientID, c.PayerID, c.Rank, c.MemberID, c.GroupID, c.SubscriberName, string(c.Relationship),
			c.PlanYearStart, int64(c.Deductible), int64(c.DeductibleMet), c.CoinsurancePercent, int64(c.Copay),
			int64(c.OutOfPocketMax), int64(c.OutOfPocketMet), c.InNetwork, c.RecordedBy, c.CreatedAt,
			addr.Line1, addr.City, addr.State, addr.Zip, c.MedicareSecondaryType); err != nil {
			return nil, fmt.Errorf("insert coverage: %w", svc.s.translate(err))
		}
		return []ref{{ID: c.ID, ClientID: c.ClientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return c, nil
}

// FindCoverages lists the client's coverages in force, primary first.
func (svc *CoverageService) FindCoverages(ctx context.Context, clientID string) ([]*carepath.ClientCoverage, error) {
	list := []*carepath.ClientCoverage{}
	o := op{record: access.Coverage, action: access.List, clientID: wellFormedID(clientID)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID); err != nil {
			return nil, err
		}
		var err error
		if list, err = findCoverages(ctx, tx, svc.s, clientID); err != nil {
			return nil, err
		}
		refs := []ref{{ClientID: clientID}}
		for _, c := range list {
			refs = append(refs, ref{ID: c.ID, ClientID: c.ClientID})
		}
		return refs, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return list, nil
}

// findCoverages reads the client's coverages in force in tx, primary first; never nil. The
// caller has checked that the actor may see the client.
func findCoverages(ctx context.Context, tx *sql.Tx, s *Store, clientID string) ([]*carepath.ClientCoverage, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+coverageColumns+` FROM coverages c JOIN payers p ON p.id = c.payer_id
		WHERE c.client_id = $1 AND c.ended_on = '' ORDER BY c.rank, c.created_at`, clientID)
	if err != nil {
		return nil, fmt.Errorf("select coverages: %w", s.translate(err))
	}
	defer rows.Close()
	list := []*carepath.ClientCoverage{}
	for rows.Next() {
		var c carepath.ClientCoverage
		var a carepath.PostalAddress
		if err := rows.Scan(&c.ID, &c.ClientID, &c.PayerID, &c.PayerName, &c.Rank, &c.MemberID, &c.GroupID, &c.SubscriberName,
			&a.Line1, &a.City, &a.State, &a.Zip, &c.Relationship, &c.PlanYearStart, &c.Deductible, &c.DeductibleMet, &c.CoinsurancePercent, &c.Copay,
			&c.OutOfPocketMax, &c.OutOfPocketMet, &c.InNetwork, &c.MedicareSecondaryType, &c.EndedOn, &c.RecordedBy, &c.CreatedAt); err != nil {
			return nil, fmt.Errorf("select coverages: %w", err)
		}
		c.CreatedAt = c.CreatedAt.UTC()
		if a != (carepath.PostalAddress{}) {
			c.SubscriberAddress = &a
		}
		list = append(list, &c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("select coverages: %w", s.translate(err))
	}
	return list, nil
}
