package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// op describes one service call to the chokepoint.
type op struct {
	record   access.Record
	action   access.Action
	recordID string       // the record the call is about, when known before it runs
	clientID string       // the client the call is about, when known before it runs
	detail   string       // what was asked, for the audit rows (a filter, never client data)
	validate func() error // checks the input; nil when there is nothing to check
	readOnly bool         // the body only reads (implied by access.Read and access.List): see view
	// quiet marks a read of no client data made on every request (a session re-reading its
	// own account, an API token checked): view audits it only when it fails, so the log is
	// not one row per page; the request's own calls are audited under the staff member's id.
	// A quiet write (the outbox worker's poll) is audited unless it succeeds touching nothing.
	quiet bool
	// lists marks a call that lists clients: it appends one audit row for the call (its detail
	// says how many were shown) and one audit_shown row per client the body returned, instead
	// of a whole audit row per client.
	lists bool
}

// reads reports whether the call only reads, and so runs through view.
func (o op) reads() bool { return o.readOnly || o.action == access.Read || o.action == access.List }

// ref names one record a call touched, for its audit row.
type ref struct {
	ID       string
	ClientID string // "" when the record belongs to no client (yet)
}

// body is the part of a call that reads or writes. It returns the records it touched, one
// audit row each.
type body func(ctx context.Context, tx *sql.Tx) ([]ref, error)

// do runs one service call. Calls that only read (op.reads) go to view; everything else runs
// in one transaction on the writer:
//
//  1. ctx must carry an actor (else EUNAUTHORIZED);
//  2. the policy must allow the actor's role o.action on o.record (else EFORBIDDEN), and an
//     outside actor (a payer reviewer, an outside party's token) only reads;
//  3. o.validate checks the input (EINVALID), unless the policy refused the call first; an
//     invalid call about a chart record (access.CareTeamOnly) of a client outside the actor's
//     care team is refused as hidden, not reported as invalid;
//  4. fn reads or writes, inside a savepoint;
//  5. audit rows are appended: one per record fn returns, or one naming o.recordID.
//
// When a step fails, fn's writes are rolled back to the savepoint, a single audit row saying
// why is still appended and committed, and the step's error is returned. The policy comes
// before the input, so a refused call is always recorded as refused.
func (s *Store) do(ctx context.Context, o op, fn body) error {
	if o.reads() {
		return s.view(ctx, o, fn)
	}
	tx, release, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer release()

	var refs []ref
	ctx, err = s.check(ctx, tx, o)
	if err == nil {
		refs, err = s.inSavepoint(ctx, tx, fn)
	}
	if o.quiet && err == nil && len(refs) == 0 {
		// A quiet write that touched nothing (the outbox worker finding no message due).
		if cerr := tx.Commit(); cerr != nil {
			return fmt.Errorf("commit: %w", s.translate(cerr))
		}
		return nil
	}
	e, refs := s.auditOf(ctx, o, refs, err)
	if aerr := s.appendAudit(ctx, tx, e, refs); aerr != nil {
		return errors.Join(err, fmt.Errorf("audit: %w", aerr))
	}
	if cerr := tx.Commit(); cerr != nil {
		return errors.Join(err, fmt.Errorf("commit: %w", s.translate(cerr)))
	}
	return err
}

// view runs a read-only call: the body reads in a transaction on the reader pool, so reads
// never queue behind the one SQLite writer, and the audit rows go to the audit queue
// (audit_queue.go), which commits them in batches. view returns only once its rows are
// committed, so no read is ever answered unaudited; when the audit write fails, the data read
// is withheld and the error returned. Within an HTTP request whose context carries an open
// AuditBatch, the rows join the batch instead, and the request's response is held until the
// batch is committed (httpserver.AuditGate): one commit for all the reads of a page, and still
// no answer before its audit rows are committed. A read by an outside actor releases each client's
// records only through the disclosure gate (discloseRefs).
func (s *Store) view(ctx context.Context, o op, fn body) error {
	ctx, refs, err := s.readTx(ctx, o, fn)
	if o.quiet && err == nil {
		return nil
	}
	if s.readAuditOff {
		return err
	}
	e, refs := s.auditOf(ctx, o, refs, err)
	if b := auditBatchOf(ctx, s); b != nil && b.add(auditRows(e, refs)) {
		// A request's batch: the rows are committed with the request's others before its
		// response is written (AuditBatch).
		return err
	}
	if aerr := s.audits.append(s, e, refs); aerr != nil {
		return errors.Join(err, fmt.Errorf("audit: %w", aerr))
	}
	return err
}

// readTx checks o and runs fn in a transaction on the reader pool, so that a body's several
// queries (a count and a page, a record and its children) see one snapshot, and then applies
// the disclosure gate to what an outside actor read. The transaction is always rolled back: a
// read has nothing to commit. It returns the context the call ran with (check may add the
// actor's outside party) and the records fn touched, also when the gate refused them.
func (s *Store) readTx(ctx context.Context, o op, fn body) (context.Context, []ref, error) {
	if o.action == access.Read || o.action == access.List {
		// Only a read or a list, not another read-only act (a release of records, a
		// co-sign queue), is a read for the rules that allow reading alone.
		ctx = withReading(ctx)
	}
	tx, release, err := s.beginRead(ctx)
	if err != nil {
		return ctx, nil, err
	}
	defer release()
	if ctx, err = s.check(ctx, tx, o); err != nil {
		return ctx, nil, err
	}
	refs, err := fn(ctx, tx)
	if err != nil {
		return ctx, refs, err
	}
	return ctx, refs, s.discloseRefs(ctx, tx, o, refs)
}

// auditOf builds the audit row of a call that ended with err, and the records it names: the
// ones the body returned, or else the one the op names.
func (s *Store) auditOf(ctx context.Context, o op, refs []ref, err error) (auditEntry, []ref) {
	actor, _ := carepath.ActorFrom(ctx)
	e := auditEntry{
		At: s.timestamp(), ActorID: actor.ID, Role: actor.Role, Remote: actor.Remote,
		Action: string(o.record) + "." + string(o.action), Record: o.record,
	}
	e.Allowed, e.Detail = auditOutcome(err)
	if o.detail != "" {
		e.Detail += "; " + o.detail
	}
	if actor.Outside() {
		e.Detail += "; outside party; " + disclosureDetail(actor.Party)
	}
	if o.lists {
		// Each client once: audit_shown's key is (client, audit row), and one bad row would
		// fail the whole batch of reads the audit queue commits with it.
		e.Shown = make([]string, 0, len(refs))
		seen := make(map[string]bool, len(refs))
		for _, r := range refs {
			if r.ClientID != "" && !seen[r.ClientID] {
				seen[r.ClientID] = true
				e.Shown = append(e.Shown, r.ClientID)
			}
		}
		e.Detail += "; shown=" + strconv.Itoa(len(e.Shown))
		return e, []ref{{ID: o.recordID}}
	}
	if len(refs) == 0 {
		refs = []ref{{ID: o.recordID, ClientID: o.clientID}}
		if o.clientID == "" {
			refs[0].ClientID = hiddenClientID(err)
		}
	}
	return e, refs
}

// check runs the steps before a call may touch data, in this order: actor, policy, input. It
// returns the context the call runs with: for a payer reviewer, the actor with the outside
// party it reads for (their organization), so that the gate and the audit row name it.
func (s *Store) check(ctx context.Context, tx *sql.Tx, o op) (context.Context, error) {
	actor, ok := carepath.ActorFrom(ctx)
	if !ok {
		return ctx, carepath.Errorf(carepath.EUNAUTHORIZED, "Please sign in.")
	}
	if !access.Allowed(actor.Role, o.record, o.action) {
		return ctx, carepath.Errorf(carepath.EFORBIDDEN, "You may not do this.")
	}
	if actor.Outside() {
		if !o.reads() && o.record != access.Staff && o.record != access.Token {
			return ctx, carepath.Errorf(carepath.EFORBIDDEN, "An outside party reads records; it cannot change them.")
		}
		if actor.Party.IsZero() {
			party, err := s.partyOf(ctx, tx, actor)
			if err != nil {
				return ctx, err
			}
			actor.Party = party
			ctx = carepath.NewContext(ctx, actor)
		}
		if actor.Role == carepath.RoleReviewer && actor.Reviews == nil {
			grants, err := s.reviewGrants(ctx, tx, actor.ID)
			if err != nil {
				return ctx, err
			}
			actor.Reviews = grants
			ctx = carepath.NewContext(ctx, actor)
		}
	}
	if o.validate == nil {
		return ctx, nil
	}
	err := o.validate()
	if err != nil && o.clientID != "" && access.CareTeamOnly(o.record) {
		// Refused before invalid: an invalid call about a client the actor may not see is
		// recorded (and answered) as the hidden denial it is.
		if _, herr := (&ClientService{s: s}).readVisible(ctx, tx, o.clientID); errors.Is(herr, errClientHidden) {
			return ctx, herr
		}
	}
	return ctx, err
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
