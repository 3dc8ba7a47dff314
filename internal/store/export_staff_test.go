package store

import (
	"context"
	"time"
)

func init() {
	// Cheap argon2id parameters keep the tests fast; stored hashes carry their own.
	passwordParams = argonParams{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}
}

// SetNow replaces the store's clock, for tests of time windows.
func (s *Store) SetNow(now func() time.Time) { s.now = now }

// HashPassword and CheckPassword expose the password hashing to tests.
var (
	HashPassword  = hashPassword
	CheckPassword = checkPassword
)

// SetSleep replaces the wait of sign-in throttling, so tests see the delay asked for without
// waiting for it.
func (s *Store) SetSleep(sleep func(ctx context.Context, d time.Duration) error) { s.sleep = sleep }

// HashesRun is how many argon2id computations the process has made.
func HashesRun() int64 { return hashesRun.Load() }
