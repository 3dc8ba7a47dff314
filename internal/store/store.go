// Package store is the one database/sql implementation of carepath's services, shared by
// SQLite and PostgreSQL. SQL is hand-written in the $N placeholder form both engines accept;
// what differs between them lives in a small Dialect.
//
// Every service method goes through one chokepoint (Store.do, call.go): it checks the actor,
// validates the input, checks the access policy (the access package), reads or writes, and
// appends audit rows (audit.go). A call that writes runs in one transaction on the writer; a
// call that only reads runs in a transaction on the reader pool, and its audit rows are
// committed on the writer in batches (audit_queue.go) before it returns. Rejected and failed
// calls are audited too, and that audit row is committed even though the call returns an
// error. Only the chokepoint and the few exceptions pools_test.go lists, each with its reason,
// touch the pools.
//
// Times are stored in UTC with microsecond precision (PostgreSQL's), so a value reads back
// exactly as it was written on both engines. Public identifiers are UUIDv7.
package store

import (
	"context"
	"crypto/cipher"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
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
	// ConnectionLost reports whether err says the server ended the connection, so that a new
	// one may work (nil: never).
	ConnectionLost func(error) bool
}

// Store is a carepath database: the writer, for the calls that write and for audit rows, and
// the reader pool, for the calls that only read. With SQLite the writer is one connection and
// the reader pool is read-only; with PostgreSQL both are the same pool. Store does not own
// them: whoever opened them closes them. No method hands them out.
type Store struct {
	writePool, readPool *sql.DB // the chokepoint's (pools_test.go lists who else may use them)
	dialect             Dialect
	now                 func() time.Time
	audits              auditQueue                                       // the audit rows of reads, waiting to be committed together
	sleep               func(ctx context.Context, d time.Duration) error // sign-in throttling's wait
	gate                *addressGate                                     // one password check per address at a time
	secrets             cipher.AEAD                                      // seals TOTP secrets at rest (UseSecretKey)
	alerting            Alerting                                         // how safety alerts are queued (SetAlerting)
	log                 *slog.Logger                                     // what needs a person's attention (SetLogger)
	writeWait           time.Duration                                    // how long a write waits for the writer (SetWriteWait)
	// readAuditOff skips the audit rows of reads. Only the load benchmarks set it (build tag
	// loadtest, audit_off_loadtest.go), to measure what the audit costs a whole request; the
	// binary has no way to set it.
	readAuditOff bool
	// requestBatchOff makes BeginAuditBatch hand out no batch, so each read commits its own
	// rows as outside a request. Only the load benchmarks set it (SetRequestAuditBatchOff).
	requestBatchOff bool
}

// Alerting is how the store queues the messages of a safety alert in the outbox: the backup
// on call is due EscalateAfter after the primary (DefaultEscalateAfter when 0), and webhook
// messages are queued beside emails only when Webhook is set (a paging service is configured).
type Alerting struct {
	EscalateAfter time.Duration
	Webhook       bool
}

// DefaultEscalateAfter is how long an alert waits for an acknowledgement before the backup on
// call is alerted.
const DefaultEscalateAfter = 15 * time.Minute

// SetAlerting sets how safety alerts are queued. Call it before the store serves calls.
func (s *Store) SetAlerting(a Alerting) {
	if a.EscalateAfter <= 0 {
		a.EscalateAfter = DefaultEscalateAfter
	}
	s.alerting = a
}

// SetLogger sets where the store logs what needs a person's attention but fails no call (a
// safety alert with nobody on call). Call it before the store serves calls.
func (s *Store) SetLogger(l *slog.Logger) { s.log = l }

// logger returns the store's log.
func (s *Store) logger() *slog.Logger {
	if s.log == nil {
		return slog.Default()
	}
	return s.log
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
	return &Store{writePool: write, readPool: read, dialect: d, now: time.Now, sleep: sleepContext, gate: &addressGate{},
		alerting: Alerting{EscalateAfter: DefaultEscalateAfter}}
}

// Dialect returns the dialect of the store's engine.
func (s *Store) Dialect() Dialect { return s.dialect }

// Ping checks that the writer and the reader pool can reach the database.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.writePool.PingContext(ctx); err != nil {
		return fmt.Errorf("ping writer: %w", err)
	}
	if err := s.readPool.PingContext(ctx); err != nil {
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
