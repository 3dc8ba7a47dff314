package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/alexedwards/scs/v2"
)

// SignInSessionStore keeps the web pages' sign-in sessions (scs sessions: a token, the signed-in
// staff member, an expiry) in the sessions table, with SQL both engines accept. Expired
// sessions are never found and are deleted as new ones are committed. The table holds the
// SHA-256 of each token (hashToken), never the token the cookie carries, so a copy of the
// database or a backup cannot be used to take over a session.
//
// It is one of the sanctioned exceptions to the chokepoint (pools_test.go lists them): a
// sign-in session holds no client data, and it is read and written on every page request, so
// it is neither audited nor checked against the policy. It runs on the writer because with
// SQLite the reader pool is read-only.
type SignInSessionStore struct {
	db  *sql.DB
	now func() time.Time
}

var (
	_ scs.Store    = (*SignInSessionStore)(nil)
	_ scs.CtxStore = (*SignInSessionStore)(nil)
)

// NewSignInSessionStore returns the sign-in session store over s.
func NewSignInSessionStore(s *Store) *SignInSessionStore {
	return &SignInSessionStore{db: s.writePool, now: s.now}
}

func (s *SignInSessionStore) timestamp() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// FindCtx returns the data of an unexpired session.
func (s *SignInSessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var b []byte
	err := s.db.QueryRowContext(ctx, `SELECT data FROM sessions WHERE token = $1 AND expiry > $2`, hashToken(token), s.timestamp()).Scan(&b)
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
func (s *SignInSessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
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
		hashToken(token), b, expiry.UTC().Truncate(time.Microsecond))
	if err != nil {
		return fmt.Errorf("commit session: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit session: %w", err)
	}
	return nil
}

// DeleteCtx removes a session; an unknown token is no error.
func (s *SignInSessionStore) DeleteCtx(ctx context.Context, token string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE token = $1`, hashToken(token)); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// Find is FindCtx without a context.
func (s *SignInSessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

// Commit is CommitCtx without a context.
func (s *SignInSessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

// Delete is DeleteCtx without a context.
func (s *SignInSessionStore) Delete(token string) error {
	return s.DeleteCtx(context.Background(), token)
}
