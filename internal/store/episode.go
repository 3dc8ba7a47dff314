package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/google/uuid"
)

// EpisodeService stores episodes of care. Every call goes through the chokepoint and appends
// audit rows whose client_id is the episode's client; the rows hold ids and codes, never a
// reason or a note. A clinician or case manager asking about a client outside their care team
// gets ENOTFOUND, audited as denied.
type EpisodeService struct {
	s *Store
}

var _ carepath.EpisodeService = (*EpisodeService)(nil)

// NewEpisodeService returns the episode service of s.
func NewEpisodeService(s *Store) *EpisodeService { return &EpisodeService{s: s} }

const episodeColumns = `id, client_id, program_id, level, admitted_on, status, discharged_on,
	discharge_reason, discharge_note, version, created_at, updated_at`

// AdmitClient opens an episode for a.ClientID in a.ProgramID at a.Level (the program's level
// when empty), on a.On, which may not be in the future in the program's time zone.
func (svc *EpisodeService) AdmitClient(ctx context.Context, a carepath.EpisodeAdmit) (*carepath.Episode, error) {
	var e *carepath.Episode
	o := op{record: access.Episode, action: access.Create, clientID: wellFormedID(a.ClientID), validate: a.Validate,
		detail: "program_id=" + wellFormedID(a.ProgramID)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		c, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, a.ClientID)
		if err != nil {
			return nil, err
		}
		p, err := readProgram(ctx, svc.s, tx, a.ProgramID)
		if err != nil {
			return nil, err
		}
		if a.Level == "" {
			a.Level = p.Level
		}
		if err := notFuture(svc.s, p, "on", a.On); err != nil {
			return nil, err
		}
		var open int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM episodes WHERE client_id = $1 AND program_id = $2
			AND status = 'open'`, c.ID, p.ID).Scan(&open); err != nil {
			return nil, fmt.Errorf("select open episodes: %w", svc.s.translate(err))
		}
		if open > 0 {
			return nil, openConflict()
		}
		id, err := uuid.NewV7()
		if err != nil {
			return nil, fmt.Errorf("new id: %w", err)
		}
		now := svc.s.timestamp()
		e = &carepath.Episode{ID: id.String(), ClientID: c.ID, ProgramID: p.ID, Level: a.Level, AdmittedOn: a.On,
			Status: carepath.EpisodeOpen, Transfers: []carepath.Transfer{}, Version: 1, CreatedAt: now, UpdatedAt: now}
		if _, err := tx.ExecContext(ctx, `INSERT INTO episodes (`+episodeColumns+`)
			VALUES ($1, $2, $3, $4, $5, $6, '', '', '', $7, $8, $9)`,
			e.ID, e.ClientID, e.ProgramID, string(e.Level), e.AdmittedOn, string(e.Status), e.Version, now, now); err != nil {
			if err = svc.s.translate(err); carepath.ErrorCode(err) == carepath.ECONFLICT {
				return nil, openConflict() // a concurrent admission won the race
			}
			return nil, fmt.Errorf("insert episode: %w", err)
		}
		return []ref{{ID: e.ID, ClientID: e.ClientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return e, nil
}

// TransferEpisode moves the open episode id to t.ToLevel on t.On and returns it as stored,
// its version one higher.
func (svc *EpisodeService) TransferEpisode(ctx context.Context, id string, t carepath.EpisodeTransfer) (*carepath.Episode, error) {
	o := op{record: access.Episode, action: access.Transfer, recordID: wellFormedID(id), clientID: svc.s.clientOf(ctx, access.Episode, id),
		validate: t.Validate}
	if t.ToLevel.Valid() {
		o.detail = "to_level=" + string(t.ToLevel)
	}
	return svc.change(ctx, o, id, t.Version, t.On, func(ctx context.Context, tx *sql.Tx, e *carepath.Episode) error {
		if t.ToLevel == e.Level {
			return &carepath.Error{Code: carepath.EINVALID, Message: "Please check the transfer",
				Fields: []carepath.FieldError{{Field: "to_level", Code: "same_level",
					Message: "The episode is already at this level."}}}
		}
		tid, err := uuid.NewV7()
		if err != nil {
			return fmt.Errorf("new id: %w", err)
		}
		tr := carepath.Transfer{ID: tid.String(), FromLevel: e.Level, ToLevel: t.ToLevel, On: t.On,
			Direction: carepath.TransferDirection(e.Level, t.ToLevel), Reason: t.Reason}
		if err := svc.s.insertTransfer(ctx, tx, e.ID, e.Version, tr); err != nil {
			return err
		}
		e.Level = t.ToLevel
		e.Transfers = append(e.Transfers, tr)
		return nil
	})
}

// insertTransfer writes tr as the transfer of episode episodeID numbered seq (the episode's
// version before the transfer). A concurrent transfer of the same version that won the race
// makes it ECONFLICT (stale).
func (s *Store) insertTransfer(ctx context.Context, tx *sql.Tx, episodeID string, seq int, tr carepath.Transfer) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO episode_transfers (id, episode_id, seq, from_level, to_level,
		transferred_on, direction, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		tr.ID, episodeID, seq, string(tr.FromLevel), string(tr.ToLevel), tr.On, string(tr.Direction), tr.Reason,
		s.timestamp()); err != nil {
		if err = s.translate(err); carepath.ErrorCode(err) == carepath.ECONFLICT {
			return staleEpisode()
		}
		return fmt.Errorf("insert transfer: %w", err)
	}
	return nil
}

// DischargeEpisode ends the open episode id on d.On for d.Reason and returns it as stored,
// its version one higher.
func (svc *EpisodeService) DischargeEpisode(ctx context.Context, id string, d carepath.EpisodeDischarge) (*carepath.Episode, error) {
	o := op{record: access.Episode, action: access.Discharge, recordID: wellFormedID(id), clientID: svc.s.clientOf(ctx, access.Episode, id),
		validate: d.Validate}
	if d.Reason.Valid() {
		o.detail = "reason=" + string(d.Reason)
	}
	return svc.change(ctx, o, id, d.Version, d.On, func(ctx context.Context, tx *sql.Tx, e *carepath.Episode) error {
		e.Status, e.DischargedOn, e.DischargeReason, e.DischargeNote = carepath.EpisodeDischarged, d.On, d.Reason, d.Note
		return nil
	})
}

// change runs a transfer or a discharge: it reads the episode, checks that the actor may see
// its client, that it is open and at version, and that on is neither before the admission or
// the last transfer nor in the future; then apply changes it and the row is written back.
func (svc *EpisodeService) change(ctx context.Context, o op, id string, version int, on string,
	apply func(context.Context, *sql.Tx, *carepath.Episode) error) (*carepath.Episode, error) {
	var e *carepath.Episode
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		var err error
		if e, err = svc.read(ctx, tx, id); err != nil {
			return nil, err
		}
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, e.ClientID); err != nil {
			return nil, err
		}
		if e.Version != version {
			return nil, staleEpisode()
		}
		if e.Status != carepath.EpisodeOpen {
			return nil, carepath.Errorf(carepath.ECONFLICT, "This episode has been discharged.")
		}
		p, err := readProgram(ctx, svc.s, tx, e.ProgramID)
		if err != nil {
			return nil, err
		}
		earliest := e.AdmittedOn
		if n := len(e.Transfers); n > 0 && e.Transfers[n-1].On > earliest {
			earliest = e.Transfers[n-1].On
		}
		if on < earliest {
			return nil, &carepath.Error{Code: carepath.EINVALID, Message: "Please check the date",
				Fields: []carepath.FieldError{{Field: "on", Code: "range",
					Message: "The date cannot be before the admission or the last transfer (" + earliest + ")."}}}
		}
		if err := notFuture(svc.s, p, "on", on); err != nil {
			return nil, err
		}
		if err := apply(ctx, tx, e); err != nil {
			return nil, err
		}
		e.UpdatedAt = svc.s.timestamp()
		res, err := tx.ExecContext(ctx, `UPDATE episodes SET version = version + 1, level = $3, status = $4,
			discharged_on = $5, discharge_reason = $6, discharge_note = $7, updated_at = $8
			WHERE id = $1 AND version = $2`, e.ID, version, string(e.Level), string(e.Status), e.DischargedOn,
			string(e.DischargeReason), e.DischargeNote, e.UpdatedAt)
		if err != nil {
			return nil, fmt.Errorf("update episode: %w", svc.s.translate(err))
		}
		if n, err := res.RowsAffected(); err != nil {
			return nil, fmt.Errorf("update episode: %w", svc.s.translate(err))
		} else if n == 0 {
			return nil, staleEpisode()
		}
		e.Version++
		return []ref{{ID: e.ID, ClientID: e.ClientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return e, nil
}

// openConflict is the refusal of a second open episode of a client in one program.
func openConflict() error {
	return &carepath.Error{Code: carepath.ECONFLICT, Message: "The client already has an open episode in this program",
		Fields: []carepath.FieldError{{Field: "program_id", Code: "conflict",
			Message: "Discharge the open episode before admitting again."}}}
}

func staleEpisode() error {
	return carepath.Errorf(carepath.ECONFLICT, "Someone else changed this episode since you opened it; please reload and try again.")
}

func episodeNotFound() error { return carepath.Errorf(carepath.ENOTFOUND, "There is no such episode.") }

// read reads episode id and its transfers in tx.
func (svc *EpisodeService) read(ctx context.Context, tx *sql.Tx, id string) (*carepath.Episode, error) {
	e, err := scanEpisode(tx.QueryRowContext(ctx, `SELECT `+episodeColumns+` FROM episodes WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, episodeNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("select episode: %w", svc.s.translate(err))
	}
	if err := svc.loadTransfers(ctx, tx, []*carepath.Episode{e}, `t.episode_id = $1`, id); err != nil {
		return nil, err
	}
	return e, nil
}

// loadTransfers appends to each episode of list its transfers, selected by where.
func (svc *EpisodeService) loadTransfers(ctx context.Context, tx *sql.Tx, list []*carepath.Episode, where string, args ...any) error {
	byID := map[string]*carepath.Episode{}
	for _, e := range list {
		byID[e.ID] = e
	}
	rows, err := tx.QueryContext(ctx, `SELECT t.episode_id, t.id, t.from_level, t.to_level, t.transferred_on,
		t.direction, t.reason FROM episode_transfers t JOIN episodes e ON e.id = t.episode_id
		WHERE `+where+` ORDER BY t.episode_id, t.seq`, args...)
	if err != nil {
		return fmt.Errorf("select transfers: %w", svc.s.translate(err))
	}
	defer rows.Close()
	for rows.Next() {
		var episodeID string
		var t carepath.Transfer
		if err := rows.Scan(&episodeID, &t.ID, &t.FromLevel, &t.ToLevel, &t.On, &t.Direction, &t.Reason); err != nil {
			return fmt.Errorf("select transfers: %w", err)
		}
		if e := byID[episodeID]; e != nil {
			e.Transfers = append(e.Transfers, t)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("select transfers: %w", svc.s.translate(err))
	}
	return nil
}

// FindEpisodes returns the client's episodes, oldest admission first, with their transfers.
func (svc *EpisodeService) FindEpisodes(ctx context.Context, clientID string) ([]*carepath.Episode, error) {
	list := []*carepath.Episode{}
	o := op{record: access.Episode, action: access.List, clientID: wellFormedID(clientID)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID); err != nil {
			return nil, err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+episodeColumns+` FROM episodes WHERE client_id = $1
			ORDER BY admitted_on, created_at, id`, clientID)
		if err != nil {
			return nil, fmt.Errorf("select episodes: %w", svc.s.translate(err))
		}
		defer rows.Close()
		var refs []ref
		for rows.Next() {
			e, err := scanEpisode(rows)
			if err != nil {
				return nil, fmt.Errorf("select episodes: %w", err)
			}
			list = append(list, e)
			refs = append(refs, ref{ID: e.ID, ClientID: e.ClientID})
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("select episodes: %w", svc.s.translate(err))
		}
		rows.Close()
		return refs, svc.loadTransfers(ctx, tx, list, `e.client_id = $1`, clientID)
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return list, nil
}

// Census lists the open episodes of program programID whose clients the actor may see, by
// admission date; the list is never nil. Each entry appends an audit row naming its client.
func (svc *EpisodeService) Census(ctx context.Context, programID string) ([]carepath.CensusEntry, error) {
	list := []carepath.CensusEntry{}
	o := op{record: access.Census, action: access.Read, recordID: wellFormedID(programID)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := readProgram(ctx, svc.s, tx, programID); err != nil {
			return nil, err
		}
		actor, _ := carepath.ActorFrom(ctx)
		column, ok := clientScope(actor)
		if !ok {
			return nil, nil
		}
		q := `SELECT e.id, e.client_id, e.level, e.admitted_on FROM episodes e JOIN clients c ON c.id = e.client_id
			WHERE e.program_id = $1 AND e.status = 'open'`
		args := []any{programID}
		if column != "" {
			args = append(args, actor.ID)
			q += ` AND c.` + column + ` = $` + strconv.Itoa(len(args))
		}
		rows, err := tx.QueryContext(ctx, q+` ORDER BY e.admitted_on, e.id`, args...)
		if err != nil {
			return nil, fmt.Errorf("select census: %w", svc.s.translate(err))
		}
		defer rows.Close()
		var refs []ref
		for rows.Next() {
			var c carepath.CensusEntry
			if err := rows.Scan(&c.EpisodeID, &c.ClientID, &c.Level, &c.AdmittedOn); err != nil {
				return nil, fmt.Errorf("select census: %w", err)
			}
			list = append(list, c)
			refs = append(refs, ref{ID: c.EpisodeID, ClientID: c.ClientID})
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("select census: %w", svc.s.translate(err))
		}
		return refs, nil
	})
	if err != nil {
		return nil, err
	}
	return list, nil
}

// notFuture returns EINVALID naming field when date is after today in the program's time zone.
func notFuture(s *Store, p *carepath.Program, field, date string) error {
	today := s.now().In(p.Location()).Format(carepath.DateLayout)
	if date > today {
		return &carepath.Error{Code: carepath.EINVALID, Message: "Please check the date",
			Fields: []carepath.FieldError{{Field: field, Code: "range",
				Message: "The date cannot be in the future (today is " + today + " in " + p.TimeZone + ")."}}}
	}
	return nil
}

func scanEpisode(row interface{ Scan(...any) error }) (*carepath.Episode, error) {
	var e carepath.Episode
	err := row.Scan(&e.ID, &e.ClientID, &e.ProgramID, &e.Level, &e.AdmittedOn, &e.Status, &e.DischargedOn,
		&e.DischargeReason, &e.DischargeNote, &e.Version, &e.CreatedAt, &e.UpdatedAt)
	if err != nil {
		return nil, err
	}
	e.CreatedAt, e.UpdatedAt = e.CreatedAt.UTC(), e.UpdatedAt.UTC()
	e.Transfers = []carepath.Transfer{}
	return &e, nil
}
