package carepath

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// SlotDays are the days of an hour slot ("mon-09"), Monday first.
var SlotDays = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// SlotHours are the hours availability grids offer: slots starting 07:00 to 20:00.
var SlotHours = []int{7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}

// SlotID names the hour slot starting at hour on day: "mon-09".
func SlotID(day string, hour int) string { return fmt.Sprintf("%s-%02d", day, hour) }

// ValidSlot reports whether s is an hour slot: a day of SlotDays, a dash and an hour 00–23.
func ValidSlot(s string) bool {
	if len(s) != 6 || s[3] != '-' || !slices.Contains(SlotDays, s[:3]) {
		return false
	}
	h, err := strconv.Atoi(s[4:])
	return err == nil && h >= 0 && h <= 23 && s[4] >= '0' && s[4] <= '2'
}

// SortSlots sorts hour slots by day (Monday first) and hour, and drops duplicates.
func SortSlots(slots []string) []string {
	out := slices.Clone(slots)
	slices.SortFunc(out, func(a, b string) int {
		da, db := slices.Index(SlotDays, a[:min(3, len(a))]), slices.Index(SlotDays, b[:min(3, len(b))])
		if da != db {
			return da - db
		}
		if a < b {
			return -1
		}
		if a > b {
			return 1
		}
		return 0
	})
	return slices.Compact(out)
}

// checkSlots adds a field error named field[i] for each slot that is not an hour slot.
func checkSlots(errs *FieldErrors, field string, slots []string) {
	for i, s := range slots {
		if !ValidSlot(s) {
			errs.Add(fmt.Sprintf("%s[%d]", field, i), "format", "An hour slot is a day and an hour, e.g. mon-09.")
		}
	}
}

// ClientAvailability is when a client can attend, week after week, as hour slots. Set is
// false when nobody has recorded it yet (the planner then assumes every program hour).
type ClientAvailability struct {
	ClientID  string    `json:"client_id"`
	Set       bool      `json:"set"`
	Slots     []string  `json:"slots"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// ClinicianAvailability is when a clinician can see clients individually, week after week,
// and how many distinct clients they see at most. Set is false when nobody has recorded it
// (the planner then assumes DefaultClinicianSlots and DefaultMaxClients).
type ClinicianAvailability struct {
	StaffID    string    `json:"staff_id"`
	Set        bool      `json:"set"`
	Slots      []string  `json:"slots"`
	MaxClients int       `json:"max_clients"`
	UpdatedAt  time.Time `json:"updated_at,omitzero"`
}

// DefaultMaxClients is the caseload a clinician without a recorded one is assumed to carry
// each week.
const DefaultMaxClients = 12

// DefaultClinicianSlots are the hours a clinician without recorded availability is assumed
// to work: Monday to Friday, 09:00 to 17:00.
func DefaultClinicianSlots() []string {
	var out []string
	for _, d := range SlotDays[:5] {
		for h := 9; h < 17; h++ {
			out = append(out, SlotID(d, h))
		}
	}
	return out
}

// Validate checks a clinician's availability: known hour slots and 0–200 clients.
func (a *ClinicianAvailability) Validate() error {
	var errs FieldErrors
	checkSlots(&errs, "slots", a.Slots)
	if a.MaxClients < 0 || a.MaxClients > 200 {
		errs.Add("max_clients", "range", "The most clients a clinician sees in a week is a number from 0 to 200.")
	}
	return errs.Err()
}

// Validate checks a client's availability: known hour slots.
func (a *ClientAvailability) Validate() error {
	var errs FieldErrors
	checkSlots(&errs, "slots", a.Slots)
	return errs.Err()
}

// AvailabilityService records when clients and clinicians are available.
type AvailabilityService interface {
	// FindClientAvailability returns a client's weekly availability (Set false when none is
	// recorded). ENOTFOUND when the client does not exist or is outside the care team.
	FindClientAvailability(ctx context.Context, clientID string) (*ClientAvailability, error)
	// SetClientAvailability records a client's weekly availability. EINVALID names slots[i];
	// ENOTFOUND as above; EFORBIDDEN for roles that may not.
	SetClientAvailability(ctx context.Context, clientID string, slots []string) (*ClientAvailability, error)
	// FindClinicianAvailability returns a staff member's availability and caseload limit.
	// ENOTFOUND when there is no such staff member; EFORBIDDEN for roles other than admin.
	FindClinicianAvailability(ctx context.Context, staffID string) (*ClinicianAvailability, error)
	// SetClinicianAvailability records a staff member's availability and caseload limit.
	// EINVALID names slots[i] or max_clients; ENOTFOUND; EFORBIDDEN for roles other than admin.
	SetClinicianAvailability(ctx context.Context, a ClinicianAvailability) (*ClinicianAvailability, error)
}
