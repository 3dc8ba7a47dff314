package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// checkpointInterval is how often the checkpointer copies the write-ahead log back into the
// database file. At the clinic's write rates the log stays a few megabytes at most.
const checkpointInterval = time.Second

// checkpointer runs PASSIVE checkpoints on its own connection, so that no commit on the
// writer waits for a checkpoint's disk sync. PASSIVE never blocks the writer or the readers:
// it copies what it can and leaves the rest for the next tick.
type checkpointer struct {
	db     *sql.DB
	cancel context.CancelFunc
	done   chan struct{}
}

// startCheckpointer opens the checkpointer's connection to the database at path and starts it.
func startCheckpointer(path string) (*checkpointer, error) {
	db, err := sql.Open("sqlite", path+"?"+common)
	if err != nil {
		return nil, fmt.Errorf("open sqlite checkpointer: %w", err)
	}
	db.SetMaxOpenConns(1)
	ctx, cancel := context.WithCancel(context.Background())
	c := &checkpointer{db: db, cancel: cancel, done: make(chan struct{})}
	go c.run(ctx)
	return c, nil
}

// run checkpoints every checkpointInterval until ctx ends. A failed checkpoint (a busy
// database) is simply tried again at the next tick.
func (c *checkpointer) run(ctx context.Context) {
	defer close(c.done)
	tick := time.NewTicker(checkpointInterval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			_, _ = c.db.ExecContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)")
		}
	}
}

// stop ends the background checkpoints, checkpoints the whole log one last time and truncates
// it, and closes the connection.
func (c *checkpointer) stop() error {
	c.cancel()
	<-c.done
	_, err := c.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	if cerr := c.db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("final checkpoint: %w", err)
	}
	return nil
}
