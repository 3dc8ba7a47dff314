package carepath

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// OnCall is who answers a program's safety alerts: a primary, who is alerted at once, and a
// backup, who is alerted when nobody has acknowledged the alert after the escalation delay.
// Shifts, when one covers the moment an alert is raised, replace the standing pair. Both must
// be active staff who may see the program's clients (the program's clinicians and case
// managers, or an admin). IntakeAlerts marks the programs whose on-call also answers crisis
// intake requests from the public decision aid.
type OnCall struct {
	ProgramID    string        `json:"program_id"`
	PrimaryID    string        `json:"primary_id"`
	BackupID     string        `json:"backup_id,omitempty"`
	IntakeAlerts bool          `json:"intake_alerts"`
	Shifts       []OnCallShift `json:"shifts"`
	Version      int           `json:"version"`
	UpdatedBy    string        `json:"updated_by,omitempty"`
	UpdatedAt    time.Time     `json:"updated_at,omitzero"`
}

// OnCallShift is a dated stretch of the rota: from From (inclusive) to To (exclusive).
type OnCallShift struct {
	From      time.Time `json:"from"`
	To        time.Time `json:"to"`
	PrimaryID string    `json:"primary_id"`
	BackupID  string    `json:"backup_id,omitempty"`
}

// MaxOnCallShifts is the most dated shifts a rota holds.
const MaxOnCallShifts = 200

// At returns who is on call at t: the shift covering t, else the standing primary and backup.
func (o *OnCall) At(t time.Time) (primary, backup string) {
	for _, s := range o.Shifts {
		if !t.Before(s.From) && t.Before(s.To) {
			return s.PrimaryID, s.BackupID
		}
	}
	return o.PrimaryID, o.BackupID
}

// OnCallUpdate replaces a program's rota. Version is the version read (0 when there is no rota
// yet); a stale version is ECONFLICT.
type OnCallUpdate struct {
	PrimaryID    string        `json:"primary_id"`
	BackupID     string        `json:"backup_id,omitempty"`
	IntakeAlerts bool          `json:"intake_alerts"`
	Shifts       []OnCallShift `json:"shifts,omitempty"`
	Version      int           `json:"version"`
}

// Validate trims and checks u. Field errors name primary_id, backup_id, version,
// shifts[i].from, shifts[i].to, shifts[i].primary_id and shifts[i].backup_id. Whether the staff
// may be on call is the store's to check.
func (u *OnCallUpdate) Validate() error {
	var errs FieldErrors
	u.PrimaryID, u.BackupID = strings.TrimSpace(u.PrimaryID), strings.TrimSpace(u.BackupID)
	checkPair(&errs, "", u.PrimaryID, u.BackupID)
	if u.Version < 0 {
		errs.Add("version", "range", "Please give the version you read (0 when there is no rota yet).")
	}
	if len(u.Shifts) > MaxOnCallShifts {
		errs.Add("shifts", "too_many", "A rota holds at most %d dated shifts.", MaxOnCallShifts)
	}
	for i := range u.Shifts {
		s := &u.Shifts[i]
		f := fmt.Sprintf("shifts[%d]", i)
		s.PrimaryID, s.BackupID = strings.TrimSpace(s.PrimaryID), strings.TrimSpace(s.BackupID)
		s.From, s.To = s.From.UTC(), s.To.UTC()
		checkPair(&errs, f+".", s.PrimaryID, s.BackupID)
		switch {
		case s.From.IsZero():
			errs.Add(f+".from", "required", "Please give when the shift starts.")
		case s.To.IsZero():
			errs.Add(f+".to", "required", "Please give when the shift ends.")
		case !s.To.After(s.From):
			errs.Add(f+".to", "order", "The shift ends after it starts.")
		}
	}
	sorted := slices.Clone(u.Shifts)
	slices.SortFunc(sorted, func(a, b OnCallShift) int { return a.From.Compare(b.From) })
	for i := 1; i < len(sorted); i++ {
		if sorted[i].From.Before(sorted[i-1].To) && !sorted[i-1].To.IsZero() {
			j := slices.IndexFunc(u.Shifts, func(s OnCallShift) bool { return s == sorted[i] })
			errs.Add(fmt.Sprintf("shifts[%d].from", j), "overlap", "This shift overlaps another: each moment has one primary.")
		}
	}
	return errs.Err()
}

func checkPair(errs *FieldErrors, prefix, primary, backup string) {
	if primary == "" {
		errs.Add(prefix+"primary_id", "required", "Please choose who is on call first.")
	}
	if backup != "" && backup == primary {
		errs.Add(prefix+"backup_id", "same", "The backup must be someone other than the primary.")
	}
}

// OfficeHours are when a program's office is open, one span a weekday, in the program's time
// zone. A day that is not listed is closed.
type OfficeHours struct {
	ProgramID string       `json:"program_id"`
	TimeZone  string       `json:"time_zone"`
	Days      []OfficeSpan `json:"days"`
}

// OfficeSpan is one weekday's opening: Day is mon … sun, Opens and Closes HH:MM.
type OfficeSpan struct {
	Day    string `json:"day"`
	Opens  string `json:"opens"`
	Closes string `json:"closes"`
}

// CheckOfficeSpans trims, orders (Monday first) and checks spans. Field errors name
// days[i].day, days[i].opens and days[i].closes.
func CheckOfficeSpans(spans []OfficeSpan) error {
	var errs FieldErrors
	seen := map[string]bool{}
	for i := range spans {
		s := &spans[i]
		f := fmt.Sprintf("days[%d]", i)
		s.Day, s.Opens, s.Closes = strings.ToLower(strings.TrimSpace(s.Day)), strings.TrimSpace(s.Opens), strings.TrimSpace(s.Closes)
		switch {
		case !slices.Contains(SlotDays, s.Day):
			errs.Add(f+".day", "enum", "Use one of mon, tue, wed, thu, fri, sat, sun.")
		case seen[s.Day]:
			errs.Add(f+".day", "duplicate", "Each day has one opening span.")
		}
		seen[s.Day] = true
		opens, okOpens := clockMinutes(s.Opens)
		closes, okCloses := clockMinutes(s.Closes)
		if !okOpens {
			errs.Add(f+".opens", "format", "Please give the opening time as HH:MM, e.g. 09:00.")
		}
		if !okCloses {
			errs.Add(f+".closes", "format", "Please give the closing time as HH:MM, e.g. 17:00.")
		} else if okOpens && closes <= opens {
			errs.Add(f+".closes", "order", "The office closes after it opens.")
		}
	}
	if err := errs.Err(); err != nil {
		return err
	}
	slices.SortFunc(spans, func(a, b OfficeSpan) int { return slices.Index(SlotDays, a.Day) - slices.Index(SlotDays, b.Day) })
	return nil
}

// NextContact says when a care team can next be in touch, seen from now: open is true while
// the office is open (then At is the closing time today), else At is the next opening. ok is
// false when the program keeps no office hours.
func (h *OfficeHours) NextContact(now time.Time) (at time.Time, open, ok bool) {
	if len(h.Days) == 0 {
		return time.Time{}, false, false
	}
	loc, err := time.LoadLocation(h.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	local := now.In(loc)
	for d := 0; d <= 7; d++ {
		day := local.AddDate(0, 0, d)
		name := SlotDays[(int(day.Weekday())+6)%7]
		for _, s := range h.Days {
			if s.Day != name {
				continue
			}
			opens, _ := clockMinutes(s.Opens)
			closes, _ := clockMinutes(s.Closes)
			midnight := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc)
			openAt, closeAt := midnight.Add(time.Duration(opens)*time.Minute), midnight.Add(time.Duration(closes)*time.Minute)
			switch {
			case d == 0 && !local.Before(openAt) && local.Before(closeAt):
				return closeAt, true, true
			case local.Before(openAt):
				return openAt, false, true
			}
		}
	}
	return time.Time{}, false, false
}

// OnCallService keeps programs' on-call rotas and office hours.
type OnCallService interface {
	// FindOnCall returns a program's rota. ENOTFOUND when the program has none (or there is no
	// such program); EFORBIDDEN for roles that may not see programs.
	FindOnCall(ctx context.Context, programID string) (*OnCall, error)
	// SetOnCall replaces a program's rota. EINVALID names primary_id, backup_id and
	// shifts[i].* (also for staff who are not active or may not see the program's clients);
	// ENOTFOUND for no such program; ECONFLICT for a stale version; EFORBIDDEN for roles
	// other than admin.
	SetOnCall(ctx context.Context, programID string, u OnCallUpdate) (*OnCall, error)
	// FindOfficeHours returns a program's office hours (no days when none are kept). ENOTFOUND;
	// EFORBIDDEN.
	FindOfficeHours(ctx context.Context, programID string) (*OfficeHours, error)
	// SetOfficeHours replaces a program's office hours. EINVALID names days[i].*; ENOTFOUND;
	// EFORBIDDEN for roles other than admin.
	SetOfficeHours(ctx context.Context, programID string, days []OfficeSpan) (*OfficeHours, error)
}
