package store

import (
	"context"
	"sync"
)

// AuditBatch gathers the audit rows of the reads of one HTTP request, to be committed in one
// go before the response is written. A page that reads a chart, its plans, notes and measures
// pays one audit commit instead of one per read, and the rule holds: nothing the reads
// returned leaves the server before their rows are committed, because the response waits
// for Commit (httpserver.AuditGate does this for every request).
//
// Once Commit has run, the batch is closed: a read made later in the same request (a handler
// that goes on reading while it streams its answer) commits its own rows before it returns,
// as without a batch. Writes never use the batch: their rows are committed in their own
// transaction.
type AuditBatch struct {
	s      *Store
	mu     sync.Mutex
	rows   []auditRow
	closed bool
	err    error
}

type auditBatchKey struct{}

// BeginAuditBatch returns a context whose reads on s gather their audit rows in a new batch,
// and the batch's commit function (AuditBatch.Commit).
func (s *Store) BeginAuditBatch(ctx context.Context) (context.Context, func() error) {
	if s.requestBatchOff {
		return ctx, func() error { return nil }
	}
	b := &AuditBatch{s: s}
	return context.WithValue(ctx, auditBatchKey{}, b), b.Commit
}

// auditBatchOf returns the open or closed batch of ctx for s, or nil.
func auditBatchOf(ctx context.Context, s *Store) *AuditBatch {
	b, _ := ctx.Value(auditBatchKey{}).(*AuditBatch)
	if b == nil || b.s != s {
		return nil
	}
	return b
}

// add gathers rows, and reports false when the batch is already committed (the caller then
// commits them itself).
func (b *AuditBatch) add(rows []auditRow) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return false
	}
	b.rows = append(b.rows, rows...)
	return true
}

// Commit writes the gathered rows in one transaction (through the audit queue, so several
// requests' batches may share it) and closes the batch. It returns the error that kept them
// from being committed; then nothing the request read may be shown. Calling it again returns
// the first result.
func (b *AuditBatch) Commit() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return b.err
	}
	b.closed = true
	if len(b.rows) > 0 {
		b.err = b.s.audits.appendRows(b.s, b.rows)
		b.rows = nil
	}
	return b.err
}
