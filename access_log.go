package carepath

import (
	"context"
	"time"
)

// AccessLogEntry is one row of the audit log: who did what to which record, when, from where, and
// whether it was allowed. It never holds client data beyond record and client ids.
type AccessLogEntry struct {
	ID         int64     `json:"id"`
	At         time.Time `json:"at"`
	ActorID    string    `json:"actor_id"`
	Role       Role      `json:"role"`
	Action     string    `json:"action"`
	RecordType string    `json:"record_type"`
	RecordID   string    `json:"record_id,omitempty"`
	ClientID   string    `json:"client_id,omitempty"`
	Remote     string    `json:"remote,omitempty"`
	Allowed    bool      `json:"allowed"`
	Detail     string    `json:"detail,omitempty"`
}

// AccessLogFilter narrows the audit log; nil fields do not filter. From is inclusive, To exclusive.
type AccessLogFilter struct {
	ClientID *string
	ActorID  *string
	From     *time.Time
	To       *time.Time
	Limit    int // 0 means the default page size
	Offset   int
}

// Validate checks a filter: a range that ends before it starts, or a negative page, is EINVALID.
func (f AccessLogFilter) Validate() error {
	var errs FieldErrors
	if f.From != nil && f.To != nil && f.To.Before(*f.From) {
		errs.Add("to", "range", "must not be before from")
	}
	if f.Limit < 0 || f.Limit > 10000 {
		errs.Add("limit", "range", "must be between 0 and 10000")
	}
	if f.Offset < 0 {
		errs.Add("offset", "range", "must not be negative")
	}
	return errs.Err()
}

// AccessLogService reads the audit log. Rows are appended by the other services, in the same
// transaction as what they record, and cannot be changed or deleted through carepath.
type AccessLogService interface {
	// FindAccessLog lists audit rows, newest first. EFORBIDDEN for every role but admin and the
	// command line; EINVALID for a bad filter. The read is itself audited.
	FindAccessLog(ctx context.Context, filter AccessLogFilter) ([]*AccessLogEntry, error)
}
