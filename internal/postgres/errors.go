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
// EUNAVAILABLE, and so is a connection the server ended (shut down, restarted). Other errors
// are returned unchanged.
func TranslateError(err error) error {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return err
	}
	switch {
	case pe.Code == "23505" || pe.Code == "23P01": // unique_violation, exclusion_violation
		return &carepath.Error{Code: carepath.ECONFLICT, Message: "This record already exists.", Err: err}
	case pe.Code == "53300" || pe.Code == "55P03" || strings.HasPrefix(pe.Code, "57P"): // too_many_connections, lock_not_available, the server shutting down or starting
		return carepath.Unavailable(err)
	case strings.HasPrefix(pe.Code, "23"), strings.HasPrefix(pe.Code, "22"): // integrity, data exception
		return &carepath.Error{Code: carepath.EINVALID, Message: "A value is missing, out of range or refers to a record that does not exist.", Err: err}
	}
	return err
}

// ConnectionLost reports whether err says the server ended the connection (it was shut down or
// restarted, or an administrator ended the session): the connection is dead, and a new one may
// work.
func ConnectionLost(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "57P01" || pe.Code == "57P02" || strings.HasPrefix(pe.Code, "08") // admin_shutdown, crash_shutdown, connection exceptions
	}
	return false
}
