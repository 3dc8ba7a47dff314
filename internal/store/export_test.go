package store

import (
	"context"
	"database/sql"
)

// DoIntakeCreate runs fn at the chokepoint as an intake.create call, so tests can make the
// body fail halfway.
func (s *Store) DoIntakeCreate(ctx context.Context, fn func(ctx context.Context, tx *sql.Tx) error) error {
	return s.do(ctx, op{record: recIntake, action: actCreate}, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		return nil, fn(ctx, tx)
	})
}

// TranslateError passes err through the store's dialect.
func (s *Store) TranslateError(err error) error { return s.translate(err) }
