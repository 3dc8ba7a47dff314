package sqlite

import (
	"errors"

	"github.com/carepath/carepath"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// TranslateError turns a SQLite constraint violation into a *carepath.Error: a unique or
// primary key violation is ECONFLICT, any other (check, not null, foreign key) is EINVALID.
// The message is fixed and safe to show; the driver's error, which may name tables and
// columns, stays behind as the cause for the log. Other errors are returned unchanged.
//
// A database still locked by another process after the busy timeout (SQLITE_BUSY,
// SQLITE_LOCKED) is EUNAVAILABLE: nothing was done and the call may be sent again.
func TranslateError(err error) error {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return carepath.Unavailable(err)
	case sqlite3.SQLITE_CONSTRAINT:
	default:
		return err
	}
	switch se.Code() {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY, sqlite3.SQLITE_CONSTRAINT_ROWID:
		return &carepath.Error{Code: carepath.ECONFLICT, Message: "This record already exists.", Err: err}
	}
	return &carepath.Error{Code: carepath.EINVALID, Message: "A value is missing, out of range or refers to a record that does not exist.", Err: err}
}
