package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/carepath/carepath"
)

// op describes one service call to the chokepoint.
type op struct {
	record   recordType
	action   action
	recordID string       // the record the call is about, when known before it runs
	clientID string       // the client the call is about, when known before it runs
	detail   string       // what was asked, for the audit rows (a filter, never client data)
	validate func() error // checks the input; nil when there is nothing to check
}

// ref names one record a call touched, for its audit row.
type ref struct {
	ID       string
	ClientID string // "" when the record belongs to no client (yet)
}

// body is the part of a call that reads or writes. It returns the records it touched, one
// audit row each.
type body func(ctx context.Context, tx *sql.Tx) ([]ref, error)

// do runs one service call in one transaction on the writer:
//
//  1. ctx must carry an actor (else EUNAUTHORIZED);
//  2. o.validate checks the input (EINVALID);
//  3. the policy must allow the actor's role o.action on o.record (else EFORBIDDEN);
//  4. fn reads or writes, inside a savepoint;
//  5. audit rows are appended: one per record fn returns, or one naming o.recordID.
//
// When a step fails, fn's writes are rolled back to the savepoint, a single audit row saying
// why is still appended and committed, and the step's error is returned.
func (s *Store) do(ctx context.Context, o op, fn body) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", s.translate(err))
	}
	defer tx.Rollback()

	actor, _ := carepath.ActorFrom(ctx)
	var refs []ref
	err = check(ctx, o)
	if err == nil {
		refs, err = s.inSavepoint(ctx, tx, fn)
	}
	e := auditEntry{
		At: s.timestamp(), ActorID: actor.ID, Role: actor.Role, Remote: actor.Remote,
		Action: string(o.record) + "." + string(o.action), Record: o.record,
	}
	e.Allowed, e.Detail = outcome(err)
	if o.detail != "" {
		e.Detail += "; " + o.detail
	}
	if len(refs) == 0 {
		refs = []ref{{ID: o.recordID, ClientID: o.clientID}}
	}
	if aerr := s.appendAudit(ctx, tx, e, refs); aerr != nil {
		return errors.Join(err, fmt.Errorf("audit: %w", aerr))
	}
	if cerr := tx.Commit(); cerr != nil {
		return errors.Join(err, fmt.Errorf("commit: %w", s.translate(cerr)))
	}
	return err
}

// check runs the steps before a call may touch data: actor, input, policy.
func check(ctx context.Context, o op) error {
	actor, ok := carepath.ActorFrom(ctx)
	if !ok {
		return carepath.Errorf(carepath.EUNAUTHORIZED, "Please sign in.")
	}
	if o.validate != nil {
		if err := o.validate(); err != nil {
			return err
		}
	}
	if !allowed(actor.Role, o.record, o.action) {
		return carepath.Errorf(carepath.EFORBIDDEN, "You may not do this.")
	}
	return nil
}

// inSavepoint runs fn inside a savepoint and rolls back to it when fn fails, so the
// transaction stays usable for the audit row (PostgreSQL aborts a transaction on any error).
func (s *Store) inSavepoint(ctx context.Context, tx *sql.Tx, fn body) ([]ref, error) {
	if _, err := tx.ExecContext(ctx, "SAVEPOINT call"); err != nil {
		return nil, fmt.Errorf("savepoint: %w", s.translate(err))
	}
	refs, err := fn(ctx, tx)
	if err != nil {
		if _, rerr := tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT call"); rerr != nil {
			return nil, errors.Join(err, fmt.Errorf("rollback to savepoint: %w", rerr))
		}
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, "RELEASE SAVEPOINT call"); err != nil {
		return nil, fmt.Errorf("release savepoint: %w", s.translate(err))
	}
	return refs, nil
}
