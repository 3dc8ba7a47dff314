package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/google/uuid"
)

// feedTokenBytes is the number of random bytes in a feed token.
const feedTokenBytes = 32

// CalendarFeedService keeps calendar feeds and the public-scorecard opt-in of programs.
type CalendarFeedService struct{ s *Store }

var _ carepath.CalendarFeedService = (*CalendarFeedService)(nil)

// NewCalendarFeedService returns the calendar feed service over s.
func NewCalendarFeedService(s *Store) *CalendarFeedService { return &CalendarFeedService{s: s} }

// validateOwner checks the owner's kind, naming owner_kind.
func validateOwner(kind string) func() error {
	return func() error {
		if kind != carepath.FeedStaff && kind != carepath.FeedClient {
			var errs carepath.FieldErrors
			errs.Add("owner_kind", "format", "A calendar feed belongs to staff or a client.")
			return errs.Err()
		}
		return nil
	}
}

// ownerRef checks that the actor may manage the owner's feed and returns the audit ref: a
// staff member manages their own feed (admins and the command line anyone's); a client's feed
// is managed by whoever may see the client (the care-team rule).
func (svc *CalendarFeedService) ownerRef(ctx context.Context, tx *sql.Tx, kind, ownerID string) (ref, error) {
	actor, _ := carepath.ActorFrom(ctx)
	if kind == carepath.FeedStaff {
		if !access.SelfOrOverseer(actor, ownerID) {
			return ref{}, carepath.Errorf(carepath.EFORBIDDEN, "You may manage only your own calendar feed.")
		}
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM staff WHERE id = $1`, ownerID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return ref{}, carepath.Errorf(carepath.ENOTFOUND, "No staff member has this id.")
		}
		if err != nil {
			return ref{}, fmt.Errorf("select staff: %w", svc.s.translate(err))
		}
		return ref{ID: ownerID}, nil
	}
	c, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, ownerID)
	if err != nil {
		return ref{}, err
	}
	return ref{ID: c.ID, ClientID: c.ID}, nil
}

// ownerColumn is the column that holds an owner of kind.
func ownerColumn(kind string) string {
	if kind == carepath.FeedStaff {
		return "staff_id"
	}
	return "client_id"
}

// CreateCalendarFeed makes a new feed for an owner and returns it with its token, revoking
// the owner's previous feed.
func (svc *CalendarFeedService) CreateCalendarFeed(ctx context.Context, kind, ownerID string, showClientNames bool) (*carepath.CalendarFeed, string, error) {
	var feed *carepath.CalendarFeed
	var token string
	o := op{record: access.CalendarFeed, action: access.Create, validate: validateOwner(kind), detail: "owner " + kind}
	if kind == carepath.FeedClient {
		o.clientID = wellFormedID(ownerID)
	}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		r, err := svc.ownerRef(ctx, tx, kind, ownerID)
		if err != nil {
			return nil, err
		}
		if kind == carepath.FeedClient {
			showClientNames = false // a client's own feed needs no names
		}
		now := svc.s.timestamp()
		if _, err := tx.ExecContext(ctx, `UPDATE calendar_feeds SET revoked_at = $1 WHERE `+ownerColumn(kind)+` = $2 AND revoked_at IS NULL`, now, ownerID); err != nil {
			return nil, fmt.Errorf("revoke previous feed: %w", svc.s.translate(err))
		}
		uid, err := uuid.NewV7()
		if err != nil {
			return nil, fmt.Errorf("new id: %w", err)
		}
		b := make([]byte, feedTokenBytes)
		if _, err := rand.Read(b); err != nil {
			return nil, fmt.Errorf("feed token: %w", err)
		}
		token = base64.RawURLEncoding.EncodeToString(b)
		var staffID, clientID any
		if kind == carepath.FeedStaff {
			staffID = ownerID
		} else {
			clientID = ownerID
		}
		actor, _ := carepath.ActorFrom(ctx)
		if _, err := tx.ExecContext(ctx, `INSERT INTO calendar_feeds (id, owner_kind, staff_id, client_id, token_hash, show_client_names, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, uid.String(), kind, staffID, clientID, hashToken(token), showClientNames, actor.ID, now); err != nil {
			return nil, fmt.Errorf("insert feed: %w", svc.s.translate(err))
		}
		feed = &carepath.CalendarFeed{ID: uid.String(), OwnerKind: kind, OwnerID: ownerID, ShowClientNames: showClientNames, CreatedAt: now}
		return []ref{{ID: feed.ID, ClientID: r.ClientID}}, nil
	})
	if err != nil {
		return nil, "", hideDenial(err)
	}
	return feed, token, nil
}

// FindCalendarFeed returns an owner's active feed.
func (svc *CalendarFeedService) FindCalendarFeed(ctx context.Context, kind, ownerID string) (*carepath.CalendarFeed, error) {
	var feed *carepath.CalendarFeed
	o := op{record: access.CalendarFeed, action: access.Read, validate: validateOwner(kind), detail: "owner " + kind}
	if kind == carepath.FeedClient {
		o.clientID = wellFormedID(ownerID)
	}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		r, err := svc.ownerRef(ctx, tx, kind, ownerID)
		if err != nil {
			return nil, err
		}
		feed = &carepath.CalendarFeed{OwnerKind: kind, OwnerID: ownerID}
		var created time.Time
		err = tx.QueryRowContext(ctx, `SELECT id, show_client_names, created_at FROM calendar_feeds
			WHERE `+ownerColumn(kind)+` = $1 AND revoked_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 1`, ownerID).
			Scan(&feed.ID, &feed.ShowClientNames, &created)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, carepath.Errorf(carepath.ENOTFOUND, "There is no calendar feed.")
		}
		if err != nil {
			return nil, fmt.Errorf("select feed: %w", svc.s.translate(err))
		}
		feed.CreatedAt = created.UTC()
		return []ref{{ID: feed.ID, ClientID: r.ClientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return feed, nil
}

// RevokeCalendarFeed revokes an owner's active feed.
func (svc *CalendarFeedService) RevokeCalendarFeed(ctx context.Context, kind, ownerID string) error {
	o := op{record: access.CalendarFeed, action: access.Revoke, validate: validateOwner(kind), detail: "owner " + kind}
	if kind == carepath.FeedClient {
		o.clientID = wellFormedID(ownerID)
	}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		r, err := svc.ownerRef(ctx, tx, kind, ownerID)
		if err != nil {
			return nil, err
		}
		rows, err := tx.QueryContext(ctx, `SELECT id FROM calendar_feeds WHERE `+ownerColumn(kind)+` = $1 AND revoked_at IS NULL`, ownerID)
		if err != nil {
			return nil, fmt.Errorf("select feeds: %w", svc.s.translate(err))
		}
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, fmt.Errorf("scan feed: %w", svc.s.translate(err))
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("select feeds: %w", svc.s.translate(err))
		}
		if len(ids) == 0 {
			return nil, carepath.Errorf(carepath.ENOTFOUND, "There is no calendar feed.")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE calendar_feeds SET revoked_at = $1 WHERE `+ownerColumn(kind)+` = $2 AND revoked_at IS NULL`, svc.s.timestamp(), ownerID); err != nil {
			return nil, fmt.Errorf("revoke feed: %w", svc.s.translate(err))
		}
		refs := make([]ref, 0, len(ids))
		for _, id := range ids {
			refs = append(refs, ref{ID: id, ClientID: r.ClientID})
		}
		return refs, nil
	})
	return hideDenial(err)
}

// OpenCalendarFeed returns the active feed whose token this is, audited as calendar_feed.open
// naming the feed (and its client). Whoever knocks may ask: the token decides.
func (svc *CalendarFeedService) OpenCalendarFeed(ctx context.Context, token string) (*carepath.CalendarFeed, error) {
	var feed *carepath.CalendarFeed
	err := svc.s.do(ctx, op{record: access.CalendarFeed, action: access.Open, readOnly: true}, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if token == "" || len(token) > 128 || strings.ContainsAny(token, " /") {
			return nil, feedNotFound()
		}
		var f carepath.CalendarFeed
		var staffID, clientID, role sql.NullString
		var disabled sql.NullBool
		var created time.Time
		err := tx.QueryRowContext(ctx, `SELECT f.id, f.owner_kind, f.staff_id, f.client_id, f.show_client_names, f.created_at, s.role, s.disabled
			FROM calendar_feeds f LEFT JOIN staff s ON s.id = f.staff_id
			WHERE f.token_hash = $1 AND f.revoked_at IS NULL`, hashToken(token)).
			Scan(&f.ID, &f.OwnerKind, &staffID, &clientID, &f.ShowClientNames, &created, &role, &disabled)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, feedNotFound()
		}
		if err != nil {
			return nil, fmt.Errorf("select feed: %w", svc.s.translate(err))
		}
		f.CreatedAt = created.UTC()
		r := ref{ID: f.ID}
		if f.OwnerKind == carepath.FeedStaff {
			if disabled.Bool {
				return nil, feedNotFound()
			}
			f.OwnerID, f.OwnerRole = staffID.String, carepath.Role(role.String)
		} else {
			f.OwnerID, f.OwnerRole = clientID.String, carepath.RoleClient
			r.ClientID = f.OwnerID
		}
		feed = &f
		return []ref{r}, nil
	})
	if err != nil {
		return nil, err
	}
	return feed, nil
}

func feedNotFound() error {
	return carepath.Errorf(carepath.ENOTFOUND, "There is no such calendar feed.")
}

// ProgramScorecardPublic reports whether a program publishes its quality scorecard.
func (svc *CalendarFeedService) ProgramScorecardPublic(ctx context.Context, programID string) (bool, error) {
	var public bool
	err := svc.s.do(ctx, op{record: access.Scorecard, action: access.Read, recordID: wellFormedID(programID)}, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := readProgram(ctx, svc.s, tx, programID); err != nil {
			return nil, err
		}
		err := tx.QueryRowContext(ctx, `SELECT public FROM program_scorecards WHERE program_id = $1`, programID).Scan(&public)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("select scorecard: %w", svc.s.translate(err))
		}
		return []ref{{ID: programID}}, nil
	})
	return public, err
}

// SetProgramScorecardPublic turns a program's public scorecard on or off.
func (svc *CalendarFeedService) SetProgramScorecardPublic(ctx context.Context, programID string, public bool) error {
	return svc.s.do(ctx, op{record: access.Scorecard, action: access.Update, recordID: wellFormedID(programID), detail: fmt.Sprintf("public %v", public)},
		func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
			if _, err := readProgram(ctx, svc.s, tx, programID); err != nil {
				return nil, err
			}
			actor, _ := carepath.ActorFrom(ctx)
			now := svc.s.timestamp()
			res, err := tx.ExecContext(ctx, `UPDATE program_scorecards SET public = $1, updated_by = $2, updated_at = $3 WHERE program_id = $4`, public, actor.ID, now, programID)
			if err != nil {
				return nil, fmt.Errorf("update scorecard: %w", svc.s.translate(err))
			}
			if n, _ := res.RowsAffected(); n == 0 {
				if _, err := tx.ExecContext(ctx, `INSERT INTO program_scorecards (program_id, public, updated_by, updated_at) VALUES ($1, $2, $3, $4)`,
					programID, public, actor.ID, now); err != nil {
					return nil, fmt.Errorf("insert scorecard: %w", svc.s.translate(err))
				}
			}
			return []ref{{ID: programID}}, nil
		})
}
