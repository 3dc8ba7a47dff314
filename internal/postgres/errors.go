package postgres

import (
	"errors"
	"strings"

	"github.com/carepath/carepath"
	"github.com/jackc/pgx/v5/pgconn"
)

// TranslateError turns a PostgreSQL constraint violation into a *carepath.Error: a unique or
// exclusion violation is ECONFLICT; any other integrity violation (check, not null, foreign
// key) or a data exception (a value of the wrong form) is EINVALID. The message is fixed and
// safe to show, the same as internal/sqlite's; the server's error, which may name tables,
// columns and values, stays behind as the cause for the log. A server that cannot take the
// call now (too many connections, starting up or shutting down, a lock not available) is
// EUNAVAILABLE. Other errors are returned unchanged.
func TranslateError(err error) error {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return err
	}
	switch {
	case pe.Code == "23505" || pe.Code == "23P01": // unique_violation, exclusion_violation
		return &carepath.Error{Code: carepath.ECONFLICT, Message: "This record already exists.", Err: err}
	case pe.Code == "53300" || pe.Code == "57P03" || pe.Code == "55P03": // too_many_connections, cannot_connect_now, lock_not_available
		return carepath.Unavailable(err)
	case strings.HasPrefix(pe.Code, "23"), strings.HasPrefix(pe.Code, "22"): // integrity, data exception
		return &carepath.Error{Code: carepath.EINVALID, Message: "A value is missing, out of range or refers to a record that does not exist.", Err: err}
	}
	return err
}
