package store

import (
	"context"
	"database/sql"

	"github.com/carepath/carepath/access"
)

// DoIntakeCreate runs fn at the chokepoint as an intake.create call, so tests can make the
// body fail halfway.
func (s *Store) DoIntakeCreate(ctx context.Context, fn func(ctx context.Context, tx *sql.Tx) error) error {
	return s.do(ctx, op{record: access.Intake, action: access.Create}, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		return nil, fn(ctx, tx)
	})
}

// TranslateError passes err through the store's dialect.
func (s *Store) TranslateError(err error) error { return s.translate(err) }
