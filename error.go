package carepath

import (
	"errors"
	"fmt"
	"strings"
)

// The error codes. Exactly one table, in internal/api, maps them to HTTP status codes.
const (
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	ECONFLICT     = "conflict"
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
	ETOOLARGE     = "too_large"
	EMEDIATYPE    = "unsupported_media_type" // a body in a media type the endpoint does not read
	EUNAVAILABLE  = "unavailable"            // the database is too busy to take the call now; nothing was done, try again
	EINTERNAL     = "internal"
)

// Error is carepath's one error type. Message is safe to show to a person; Fields name each
// offending input field. Anything else (the cause) is for the log only.
type Error struct {
	Code    string
	Message string
	Fields  []FieldError
	Err     error
}

// FieldError says what is wrong with one input field, named by its dotted path.
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Error returns the message, followed by each field error.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Message)
	for i, f := range e.Fields {
		if i == 0 && e.Message != "" {
			b.WriteString(": ")
		} else if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(f.Field + ": " + f.Message)
	}
	if e.Err != nil && e.Code == EINTERNAL {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying cause, if any.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted, person-readable message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for any other
// error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// Unavailable returns the EUNAVAILABLE error of a call the database could not take in time:
// nothing was done, and the same call may be sent again shortly. cause is for the log.
func Unavailable(cause error) *Error {
	return &Error{Code: EUNAVAILABLE, Message: "carepath is busy with other work and did not save or read anything. Please try again in a few seconds.", Err: cause}
}

// ErrorMessage returns the person-readable message of err: the *Error's message, or
// "Internal error." for anything else, so that causes never reach a user.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != EINTERNAL {
		return e.Error()
	}
	return "Internal error."
}

// ErrorFields returns the field errors of the first *Error in err's chain.
func ErrorFields(err error) []FieldError {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// FieldErrors collects field errors while input is checked, so every problem is reported at once.
type FieldErrors []FieldError

// Add records a problem with field.
func (fe *FieldErrors) Add(field, code, format string, args ...any) {
	*fe = append(*fe, FieldError{Field: field, Code: code, Message: fmt.Sprintf(format, args...)})
}

// Err returns nil when nothing was recorded, or an EINVALID *Error holding every field error.
func (fe FieldErrors) Err() error {
	if len(fe) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: "Please check the highlighted answers", Fields: fe}
}
