package web

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/alexedwards/scs/v2"
)

// SQLSessionStore keeps scs sessions in the sessions table of carepath's database, on the
// store's writer, with SQL both engines accept. Expired sessions are never found and are
// deleted as new ones are committed.
type SQLSessionStore struct {
	db  *sql.DB
	now func() time.Time
}

var (
	_ scs.Store    = (*SQLSessionStore)(nil)
	_ scs.CtxStore = (*SQLSessionStore)(nil)
)

// NewSQLSessionStore returns a session store on db (the writer: with SQLite, the reader pool
// is read-only).
func NewSQLSessionStore(db *sql.DB) *SQLSessionStore {
	return &SQLSessionStore{db: db, now: time.Now}
}

func (s *SQLSessionStore) timestamp() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// FindCtx returns the data of an unexpired session.
func (s *SQLSessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var b []byte
	err := s.db.QueryRowContext(ctx, `SELECT data FROM sessions WHERE token = $1 AND expiry > $2`, token, s.timestamp()).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("find session: %w", err)
	}
	return b, true, nil
}

// CommitCtx stores a session's data and expiry, replacing what the token had, and deletes
// expired sessions.
func (s *SQLSessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("commit session: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE expiry <= $1`, s.timestamp()); err != nil {
		return fmt.Errorf("expire sessions: %w", err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO sessions (token, data, expiry) VALUES ($1, $2, $3)
		ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry`,
		token, b, expiry.UTC().Truncate(time.Microsecond))
	if err != nil {
		return fmt.Errorf("commit session: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit session: %w", err)
	}
	return nil
}

// DeleteCtx removes a session; an unknown token is no error.
func (s *SQLSessionStore) DeleteCtx(ctx context.Context, token string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE token = $1`, token); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// Find is FindCtx without a context.
func (s *SQLSessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

// Commit is CommitCtx without a context.
func (s *SQLSessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

// Delete is DeleteCtx without a context.
func (s *SQLSessionStore) Delete(token string) error {
	return s.DeleteCtx(context.Background(), token)
}
