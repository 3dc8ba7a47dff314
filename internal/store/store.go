// Package store is the one database/sql implementation of carepath's services, shared by
// SQLite and PostgreSQL. SQL is hand-written in the $N placeholder form both engines accept;
// what differs between them lives in a small Dialect.
//
// Every service method goes through one chokepoint (Store.do): in one transaction on the
// writer it checks the actor, validates the input, checks the access policy (the access package),
// reads or writes, and appends audit rows (audit.go). Rejected and failed calls are audited
// too, and that audit row is committed even though the call returns an error.
//
// Times are stored in UTC with microsecond precision (PostgreSQL's), so a value reads back
// exactly as it was written on both engines. Public identifiers are UUIDv7.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Dialect holds what differs between the database engines. Build it with sqlite.Dialect or
// postgres.Dialect rather than by hand.
type Dialect struct {
	// Name is the engine: "sqlite" or "postgres".
	Name string
	// TranslateError turns a driver error into a *carepath.Error where it means something to a
	// person (ECONFLICT for a unique violation, EINVALID for other constraint violations) and
	// returns any other error unchanged. It never puts SQL or values in the message.
	TranslateError func(error) error
}

// Store is a carepath database: a writer for transactions (every service call, because every
// read of client data appends an audit row) and a reader pool for reads that touch no client
// data. With SQLite the writer is one connection and the reader pool is read-only; with
// PostgreSQL both are the same pool. Store does not own them: whoever opened them closes them.
type Store struct {
	write, read *sql.DB
	dialect     Dialect
	now         func() time.Time
	audits      auditQueue // the audit rows of reads, waiting to be committed together
}

// New returns a store over the writer and reader of an open database. read may be nil, in
// which case reads use the writer.
func New(write, read *sql.DB, d Dialect) *Store {
	if read == nil {
		read = write
	}
	if d.TranslateError == nil {
		d.TranslateError = func(err error) error { return err }
	}
	return &Store{write: write, read: read, dialect: d, now: time.Now}
}

// WriteDB returns the writer, for other database/sql users of the same database (sessions).
func (s *Store) WriteDB() *sql.DB { return s.write }

// ReadDB returns the reader pool, for reads that touch no client data.
func (s *Store) ReadDB() *sql.DB { return s.read }

// Dialect returns the dialect of the store's engine.
func (s *Store) Dialect() Dialect { return s.dialect }

// Ping checks that the writer and the reader pool can reach the database.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.write.PingContext(ctx); err != nil {
		return fmt.Errorf("ping writer: %w", err)
	}
	if err := s.read.PingContext(ctx); err != nil {
		return fmt.Errorf("ping reader: %w", err)
	}
	return nil
}

// timestamp returns the current time as stored: UTC, truncated to microseconds.
func (s *Store) timestamp() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// translate passes a driver error through the dialect; context errors stay as they are.
func (s *Store) translate(err error) error {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return s.dialect.TranslateError(err)
}
