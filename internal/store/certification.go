package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/billing"
	"github.com/google/uuid"
)

// CertificationService keeps the physician certifications of episodes, which Medicare's IOP
// rules read when a claim batch is built. Every call goes through the chokepoint; audit rows
// name the certification (or the episode) and its client.
type CertificationService struct{ s *Store }

var _ carepath.CertificationService = (*CertificationService)(nil)

// NewCertificationService returns the certification service of s.
func NewCertificationService(s *Store) *CertificationService { return &CertificationService{s: s} }

// AddCertification checks in and records it on the episode.
func (svc *CertificationService) AddCertification(ctx context.Context, episodeID string, in carepath.CertificationInput) (*carepath.Certification, error) {
	var out *carepath.Certification
	o := op{record: access.Certification, action: access.Create, recordID: wellFormedID(episodeID),
		clientID: svc.s.clientOf(ctx, access.Episode, episodeID), validate: in.Validate}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		ep, err := (&AuthorizationService{s: svc.s}).visibleEpisode(ctx, tx, episodeID)
		if err != nil {
			return nil, err
		}
		list, err := readCertifications(ctx, svc.s, tx, ep.ID)
		if err != nil {
			return nil, err
		}
		if err := svc.check(in, list); err != nil {
			return nil, err
		}
		id, err := uuid.NewV7()
		if err != nil {
			return nil, fmt.Errorf("new id: %w", err)
		}
		actor, _ := carepath.ActorFrom(ctx)
		out = &carepath.Certification{ID: id.String(), EpisodeID: ep.ID, ClientID: ep.ClientID, Date: in.Date,
			Recertification: in.Recertification, PhysicianName: in.PhysicianName, PhysicianNPI: in.PhysicianNPI,
			HoursPerWeek: in.HoursPerWeek, Plan: in.Plan, RecordedBy: actor.ID, RecordedAt: svc.s.timestamp()}
		if _, err := tx.ExecContext(ctx, `INSERT INTO certifications (id, episode_id, client_id, certified_on, recertification,
			physician_name, physician_npi, hours_per_week, plan, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
			out.ID, out.EpisodeID, out.ClientID, out.Date, out.Recertification, out.PhysicianName, out.PhysicianNPI,
			out.HoursPerWeek, out.Plan, out.RecordedBy, out.RecordedAt); err != nil {
			return nil, fmt.Errorf("insert certification: %w", svc.s.translate(err))
		}
		return []ref{{ID: out.ID, ClientID: out.ClientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return out, nil
}

// check applies the rules that need more than the input: no date after today, an NPI with a
// valid check digit, and a recertification only after an initial certification.
func (svc *CertificationService) check(in carepath.CertificationInput, list []*carepath.Certification) error {
	var errs carepath.FieldErrors
	if today := svc.s.now().UTC().Format(carepath.DateLayout); in.Date > today {
		errs.Add("date", "future", "The date cannot be after today (%s): record a certification once the physician has signed it.", today)
	}
	if !billing.ValidNPI(in.PhysicianNPI) {
		errs.Add("physician_npi", "format", "An NPI is 10 digits with a valid check digit; please check the physician's NPI.")
	}
	if in.Recertification {
		initial := ""
		for _, c := range list {
			if !c.Recertification && (initial == "" || c.Date < initial) {
				initial = c.Date
			}
		}
		switch {
		case initial == "":
			errs.Add("recertification", "no_initial", "There is no initial certification on this episode yet: record it first.")
		case in.Date < initial:
			errs.Add("date", "before_initial", "A recertification follows the initial certification, which is dated %s.", initial)
		}
	}
	return errs.Err()
}

// FindCertifications lists the episode's certifications by date.
func (svc *CertificationService) FindCertifications(ctx context.Context, episodeID string) ([]*carepath.Certification, error) {
	list := []*carepath.Certification{}
	o := op{record: access.Certification, action: access.List, recordID: wellFormedID(episodeID),
		clientID: svc.s.clientOf(ctx, access.Episode, episodeID)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		ep, err := (&AuthorizationService{s: svc.s}).visibleEpisode(ctx, tx, episodeID)
		if err != nil {
			return nil, err
		}
		if list, err = readCertifications(ctx, svc.s, tx, ep.ID); err != nil {
			return nil, err
		}
		refs := []ref{{ID: ep.ID, ClientID: ep.ClientID}}
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

// readCertifications reads the certifications of episode id in tx, by date.
func readCertifications(ctx context.Context, s *Store, tx *sql.Tx, episodeID string) ([]*carepath.Certification, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, episode_id, client_id, certified_on, recertification, physician_name, physician_npi,
		hours_per_week, plan, recorded_by, recorded_at FROM certifications WHERE episode_id = $1 ORDER BY certified_on, recorded_at, id`, episodeID)
	if err != nil {
		return nil, fmt.Errorf("select certifications: %w", s.translate(err))
	}
	defer rows.Close()
	out := []*carepath.Certification{}
	for rows.Next() {
		var c carepath.Certification
		if err := rows.Scan(&c.ID, &c.EpisodeID, &c.ClientID, &c.Date, &c.Recertification, &c.PhysicianName, &c.PhysicianNPI,
			&c.HoursPerWeek, &c.Plan, &c.RecordedBy, &c.RecordedAt); err != nil {
			return nil, fmt.Errorf("scan certification: %w", s.translate(err))
		}
		c.RecordedAt = c.RecordedAt.UTC()
		out = append(out, &c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("select certifications: %w", s.translate(err))
	}
	return out, nil
}

// billingCertifications turns stored certifications into what billing.CheckMedicareIOP reads:
// each one stored records a signed statement.
func billingCertifications(list []*carepath.Certification) []billing.Certification {
	out := make([]billing.Certification, 0, len(list))
	for _, c := range list {
		out = append(out, billing.Certification{Date: c.Date, Recertify: c.Recertification, PhysicianNPI: c.PhysicianNPI,
			HoursPerWeek: c.HoursPerWeek, Signed: true})
	}
	return out
}
