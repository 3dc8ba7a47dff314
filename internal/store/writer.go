package store

import (
	"context"
	"database/sql"
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
	return s.begin(ctx, s.writePool, nil)
}

// beginRead is beginWrite on the reader pool: with PostgreSQL the reader pool is
// the writer's, and a read waits for a connection no longer than a write does.
func (s *Store) beginRead(ctx context.Context) (tx *sql.Tx, release func(), err error) {
	return s.begin(ctx, s.readPool, nil)
}

// begin begins a transaction with opts on pool after waiting at most the write wait for a
// connection (see beginWrite).
func (s *Store) begin(ctx context.Context, pool *sql.DB, opts *sql.TxOptions) (tx *sql.Tx, release func(), err error) {
	wait := s.writeWait
	if wait <= 0 {
		wait = DefaultWriteWait
	}
	waitCtx, cancel := context.WithTimeout(ctx, wait)
	conn, err := pool.Conn(waitCtx)
	cancel()
	if err != nil {
		if ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
			return nil, nil, carepath.Unavailable(fmt.Errorf("no connection for %v: %w", wait, err))
		}
		return nil, nil, fmt.Errorf("connection: %w", s.translate(err))
	}
	tx, err = conn.BeginTx(ctx, opts)
	if err != nil {
		conn.Close()
		return nil, nil, fmt.Errorf("begin: %w", s.translate(err))
	}
	return tx, func() { _ = tx.Rollback(); _ = conn.Close() }, nil
}
