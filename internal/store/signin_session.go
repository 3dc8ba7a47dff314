package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"sync"
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
//
// A page request that changes nothing in its session only moves the session's expiry on (scs
// commits every request when sessions end after idle minutes). Such a commit is skipped while
// the stored expiry is less than a tenth of the session's remaining time behind the new one,
// and never more than a minute behind (touchSlack): a session idle to its end closes at most
// that much early, never late, and a busy clinic's page views do not each wait for a durable
// write. Expired sessions are deleted at most once a minute.
type SignInSessionStore struct {
	db  *sql.DB
	now func() time.Time

	mu        sync.Mutex
	seen      map[string]storedSession // by hashed token: what the table holds, as last read or written here
	lastSweep time.Time
}

// storedSession is a session's row as this store last read or wrote it.
type storedSession struct {
	data   []byte
	expiry time.Time
}

// maxSeenSessions bounds the sessions a store remembers; past it, it forgets them all (the
// next commit of each then writes, as without the memory).
const maxSeenSessions = 10_000

// sweepEvery is how often committing a session also deletes the expired ones.
const sweepEvery = time.Minute

var (
	_ scs.Store    = (*SignInSessionStore)(nil)
	_ scs.CtxStore = (*SignInSessionStore)(nil)
)

// NewSignInSessionStore returns the sign-in session store over s.
func NewSignInSessionStore(s *Store) *SignInSessionStore {
	return &SignInSessionStore{db: s.writePool, now: s.now, seen: map[string]storedSession{}}
}

func (s *SignInSessionStore) timestamp() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// FindCtx returns the data of an unexpired session.
func (s *SignInSessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var b []byte
	var expiry time.Time
	key := hashToken(token)
	err := s.db.QueryRowContext(ctx, `SELECT data, expiry FROM sessions WHERE token = $1 AND expiry > $2`, key, s.timestamp()).Scan(&b, &expiry)
	if errors.Is(err, sql.ErrNoRows) {
		s.forget(key)
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("find session: %w", err)
	}
	s.remember(key, storedSession{data: b, expiry: expiry})
	return b, true, nil
}

// CommitCtx stores a session's data and expiry, replacing what the token had, and deletes
// expired sessions; a commit that only moves the expiry a little is skipped (see
// SignInSessionStore).
func (s *SignInSessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	key := hashToken(token)
	expiry = expiry.UTC().Truncate(time.Microsecond)
	now := s.timestamp()
	sweep, write := s.plan(key, b, expiry, now)
	if !write {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("commit session: %w", err)
	}
	defer tx.Rollback()
	if sweep {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE expiry <= $1`, now); err != nil {
			return fmt.Errorf("expire sessions: %w", err)
		}
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO sessions (token, data, expiry) VALUES ($1, $2, $3)
		ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry`, key, b, expiry)
	if err != nil {
		return fmt.Errorf("commit session: %w", err)
	}
	if err := tx.Commit(); err != nil {
		s.forget(key)
		return fmt.Errorf("commit session: %w", err)
	}
	s.remember(key, storedSession{data: b, expiry: expiry})
	return nil
}

// plan says whether committing data and expiry for key at now must write, and whether that
// write also deletes the expired sessions. It must write unless the table holds the same
// session data with an expiry less than touchSlack behind.
func (s *SignInSessionStore) plan(key string, data []byte, expiry, now time.Time) (sweep, write bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if now.Sub(s.lastSweep) >= sweepEvery {
		s.lastSweep = now
		sweep = true
	}
	old, ok := s.seen[key]
	write = sweep || !ok || !old.expiry.After(now) || expiry.Sub(old.expiry) >= touchSlack(expiry.Sub(now)) ||
		expiry.Before(old.expiry) || !sameSessionData(old.data, data)
	return sweep, write
}

// touchSlack is how far behind a session's new expiry its stored one may stay, for a session
// with left to run: a tenth of it, at most a minute.
func touchSlack(left time.Duration) time.Duration {
	return min(left/10, time.Minute)
}

// sameSessionData reports whether a and b hold the same session: the same bytes, or the same
// deadline and values once decoded (scs's codec writes a map's keys in no fixed order).
func sameSessionData(a, b []byte) bool {
	if bytes.Equal(a, b) {
		return true
	}
	var codec scs.GobCodec
	da, va, err := codec.Decode(a)
	if err != nil {
		return false
	}
	db, vb, err := codec.Decode(b)
	if err != nil {
		return false
	}
	return da.Equal(db) && reflect.DeepEqual(va, vb)
}

// remember notes what the table holds for key.
func (s *SignInSessionStore) remember(key string, row storedSession) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.seen) >= maxSeenSessions {
		clear(s.seen)
	}
	s.seen[key] = row
}

// forget drops what this store remembers of key.
func (s *SignInSessionStore) forget(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.seen, key)
}

// DeleteCtx removes a session; an unknown token is no error.
func (s *SignInSessionStore) DeleteCtx(ctx context.Context, token string) error {
	key := hashToken(token)
	s.forget(key)
	if _, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE token = $1`, key); err != nil {
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
