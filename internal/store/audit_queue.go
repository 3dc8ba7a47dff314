package store

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
)

// auditQueue commits the audit rows of reads in batches (group commit). A read puts its rows
// on the queue and waits; one flusher at a time takes everything queued, writes it in one
// transaction on the writer and tells each waiting read how it went. Under load many reads
// share one commit instead of queueing one by one behind the single SQLite writer; alone, a
// read pays one small transaction, as before.
type auditQueue struct {
	mu       sync.Mutex
	pending  []*auditJob
	flushing bool
	commits  atomic.Int64 // transactions committed, for tests and figures
}

// auditJob is one read's rows and the channel that answers it.
type auditJob struct {
	rows []auditRow
	done chan error
}

// append queues the rows of e for refs and returns once they are committed, or with the error
// that kept them from being committed. When no flush is running, the caller flushes the queue
// itself (so a lone read pays no hand-off to another goroutine) and, if more rows arrived
// meanwhile, leaves a goroutine to flush them.
func (q *auditQueue) append(s *Store, e auditEntry, refs []ref) error {
	return q.appendRows(s, auditRows(e, refs))
}

// appendRows queues rows as one job and returns once they are committed, as append does.
func (q *auditQueue) appendRows(s *Store, rows []auditRow) error {
	job := &auditJob{rows: rows, done: make(chan error, 1)}
	q.mu.Lock()
	q.pending = append(q.pending, job)
	if q.flushing {
		q.mu.Unlock()
		return <-job.done
	}
	q.flushing = true
	batch := q.pending
	q.pending = nil
	q.mu.Unlock()

	q.commit(s, batch)
	q.mu.Lock()
	if len(q.pending) > 0 {
		go q.flush(s)
	} else {
		q.flushing = false
	}
	q.mu.Unlock()
	return <-job.done
}

// flush writes batches until the queue is empty. It runs without the caller's context: a row
// a read has queued is written even when the read is abandoned.
func (q *auditQueue) flush(s *Store) {
	for {
		q.mu.Lock()
		batch := q.pending
		q.pending = nil
		if len(batch) == 0 {
			q.flushing = false
			q.mu.Unlock()
			return
		}
		q.mu.Unlock()
		q.commit(s, batch)
	}
}

// commit writes one batch and answers each of its jobs.
func (q *auditQueue) commit(s *Store, batch []*auditJob) {
	err := s.commitAudit(batch)
	for _, job := range batch {
		job.done <- err
	}
}

// commitAudit writes every job's rows in one transaction.
func (s *Store) commitAudit(batch []*auditJob) error {
	ctx := context.Background()
	tx, release, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer release()
	var rows []auditRow
	for _, job := range batch {
		rows = append(rows, job.rows...)
	}
	if err := s.insertAudit(ctx, tx, rows); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", s.translate(err))
	}
	s.audits.commits.Add(1)
	return nil
}
