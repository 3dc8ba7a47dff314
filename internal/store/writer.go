package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"

	"github.com/carepath/carepath"
)

// DefaultWriteWait is how long a call that writes waits for the writer (SQLite's one writer
// connection, a connection of PostgreSQL's pool) before it is refused as EUNAVAILABLE.
const DefaultWriteWait = 5 * time.Second

// SetWriteWait sets how long a call that writes waits for the writer before it is refused as
// EUNAVAILABLE (0: DefaultWriteWait). Call it before the store serves calls.
func (s *Store) SetWriteWait(d time.Duration) { s.writeWait = d }

// beginWrite begins a transaction on the writer, waiting for it at most the write wait: when
// other calls hold the writer all that time, it returns EUNAVAILABLE (nothing was done; the
// caller may try again) rather than queueing until the request times out. The transaction
// runs with ctx; release rolls it back unless it was committed and returns the connection.
func (s *Store) beginWrite(ctx context.Context) (tx *sql.Tx, release func(), err error) {
	return s.begin(ctx, s.writePool)
}

// beginRead is beginWrite on the reader pool: with PostgreSQL the reader pool is
// the writer's, and a read waits for a connection no longer than a write does.
func (s *Store) beginRead(ctx context.Context) (tx *sql.Tx, release func(), err error) {
	return s.begin(ctx, s.readPool)
}

// begin begins a transaction on pool after waiting at most the write wait for a connection
// (see beginWrite).
func (s *Store) begin(ctx context.Context, pool *sql.DB) (tx *sql.Tx, release func(), err error) {
	wait := s.writeWait
	if wait <= 0 {
		wait = DefaultWriteWait
	}
	waitCtx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	// A connection the server ended (a PostgreSQL restart) fails its first use and is
	// discarded as it goes back to the pool; try another, up to three in all.
	for attempt := 0; ; attempt++ {
		conn, err := pool.Conn(waitCtx)
		if err != nil {
			if ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
				return nil, nil, carepath.Unavailable(fmt.Errorf("no connection for %v: %w", wait, err))
			}
			return nil, nil, fmt.Errorf("connection: %w", s.translate(err))
		}
		tx, err = conn.BeginTx(ctx, nil)
		if err != nil {
			conn.Close()
			lost := errors.Is(err, driver.ErrBadConn) || (s.dialect.ConnectionLost != nil && s.dialect.ConnectionLost(err))
			if lost && attempt < 2 {
				continue
			}
			return nil, nil, fmt.Errorf("begin: %w", s.translate(err))
		}
		return tx, func() { _ = tx.Rollback(); _ = conn.Close() }, nil
	}
}
