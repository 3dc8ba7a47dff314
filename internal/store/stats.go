package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// PoolStats are the counters of one of the store's connection pools, for the metrics.
type PoolStats struct {
	Pool  string // "writer" or "reader"; "pool" when one pool serves both (PostgreSQL)
	Stats sql.DBStats
}

// PoolStats returns the counters of the writer and the reader pool (one entry when they are
// the same pool). They say how busy the pools are and hold no data.
func (s *Store) PoolStats() []PoolStats {
	if s.writePool == s.readPool {
		return []PoolStats{{Pool: "pool", Stats: s.writePool.Stats()}}
	}
	return []PoolStats{{Pool: "writer", Stats: s.writePool.Stats()}, {Pool: "reader", Stats: s.readPool.Stats()}}
}

// AuditQueueDepth returns how many reads are waiting for their audit rows to be committed
// (audit_queue.go), not counting the batch being committed.
func (s *Store) AuditQueueDepth() int {
	s.audits.mu.Lock()
	defer s.audits.mu.Unlock()
	return len(s.audits.pending)
}

// FlushAudits waits until the audit queue is empty and no batch is being committed, or ctx
// ends (then it returns ctx's error). A read waits for its own rows, so once no request is in
// flight the queue is empty; a shutdown calls it to be sure before the database closes.
func (s *Store) FlushAudits(ctx context.Context) error {
	for {
		s.audits.mu.Lock()
		idle := !s.audits.flushing && len(s.audits.pending) == 0
		s.audits.mu.Unlock()
		if idle {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("audit queue: %w", ctx.Err())
		case <-time.After(5 * time.Millisecond):
		}
	}
}
