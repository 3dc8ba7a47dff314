package billing

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/carepath/carepath"
)

// AuthUnit is what an authorization counts: program days or sessions.
type AuthUnit string

// The units an authorization counts.
const (
	UnitDay     AuthUnit = "day"
	UnitSession AuthUnit = "session"
)

// Authorization is a payer's approval of a level of care for a number of units between two
// dates, with review dates on which the payer looks at the case again. Several may follow one
// another in an episode.
type Authorization struct {
	ID          string         `json:"id"`
	PayerID     string         `json:"payer_id"`
	Number      string         `json:"number"`
	Level       carepath.Level `json:"level"`
	Start       string         `json:"start"`
	End         string         `json:"end"`
	Unit        AuthUnit       `json:"unit"`
	Units       int            `json:"units"`      // approved
	UnitsUsed   int            `json:"units_used"` // consumed by attendance
	Frequency   string         `json:"frequency,omitempty"`
	ReviewDates []string       `json:"review_dates,omitempty"` // the next review first
	CareManager string         `json:"care_manager,omitempty"`
}

// MaxAuthorizationUnits bounds the units one authorization may approve.
const MaxAuthorizationUnits = 999

// UnitsLeft is the approved units not yet used (never below zero).
func (a Authorization) UnitsLeft() int { return max(a.Units-a.UnitsUsed, 0) }

// NextReview is the first review date on or after today, or "".
func (a Authorization) NextReview(today string) string {
	for _, d := range slices.Sorted(slices.Values(a.ReviewDates)) {
		if d >= today {
			return d
		}
	}
	return ""
}

// Validate trims a's text and checks it; field errors name payer_id, number, level, start, end
// (an authorization ending before it starts), unit, units (at least 1, at most 999, never below
// units_used), units_used and review_dates (each within start–end).
func (a *Authorization) Validate() error {
	var errs carepath.FieldErrors
	a.PayerID, a.Number = strings.TrimSpace(a.PayerID), strings.TrimSpace(a.Number)
	a.CareManager, a.Frequency = strings.TrimSpace(a.CareManager), strings.TrimSpace(a.Frequency)
	if a.PayerID == "" {
		errs.Add("payer_id", "required", "choose the payer that approved the care")
	}
	if a.Number == "" || utf8.RuneCountInString(a.Number) > 50 {
		errs.Add("number", "required", "give the payer's authorization number (up to 50 characters)")
	}
	if !a.Level.Valid() || a.Level == carepath.LevelNone {
		errs.Add("level", "invalid", "use outpatient, iop, php, residential or inpatient")
	}
	_, e1 := parseDate(a.Start)
	_, e2 := parseDate(a.End)
	if e1 != nil {
		errs.Add("start", "date", "give the first authorized date as YYYY-MM-DD")
	}
	if e2 != nil {
		errs.Add("end", "date", "give the last authorized date as YYYY-MM-DD")
	}
	if e1 == nil && e2 == nil && a.End < a.Start {
		errs.Add("end", "before_start", "the authorization ends (%s) before it starts (%s)", a.End, a.Start)
	}
	if a.Unit != UnitDay && a.Unit != UnitSession {
		errs.Add("unit", "invalid", "use day or session")
	}
	switch {
	case a.Units < 1 || a.Units > MaxAuthorizationUnits:
		errs.Add("units", "range", "approve between 1 and %d units", MaxAuthorizationUnits)
	case a.Units < a.UnitsUsed:
		errs.Add("units", "below_used", "%d units are already used; the approved units cannot be fewer", a.UnitsUsed)
	}
	if a.UnitsUsed < 0 {
		errs.Add("units_used", "range", "units used cannot be negative")
	}
	for i, d := range a.ReviewDates {
		if _, err := parseDate(d); err != nil || (e1 == nil && e2 == nil && (d < a.Start || d > a.End)) {
			errs.Add(fmt.Sprintf("review_dates.%d", i), "range", "a review date is a date between the start and the end")
		}
	}
	return errs.Err()
}

// AttendedUnit is one unit of care that happened: a program day or a session.
type AttendedUnit struct {
	Ref   string         `json:"ref"` // the charge or event it came from
	Date  string         `json:"date"`
	Unit  AuthUnit       `json:"unit"`
	Level carepath.Level `json:"level"`
}

// Uncovered is an attended unit no authorization covers, with the reason.
type Uncovered struct {
	AttendedUnit
	Reason string `json:"reason"`
}

// Consume recounts UnitsUsed of auths from the units attended: each unit goes to the authorization
// of its unit and level whose dates cover it and that has units left, the one ending first. A day
// counts once however many sessions it had. Units nothing covers are returned with the reason. The
// result is in the order of auths.
func Consume(auths []Authorization, attended []AttendedUnit) ([]Authorization, []Uncovered) {
	out := slices.Clone(auths)
	for i := range out {
		out[i].UnitsUsed = 0
	}
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(out[a].End, out[b].End) })
	units := slices.Clone(attended)
	slices.SortStableFunc(units, func(a, b AttendedUnit) int { return strings.Compare(a.Date, b.Date) })
	seenDay := map[string]bool{}
	var uncovered []Uncovered
	for _, u := range units {
		if u.Unit == UnitDay {
			k := string(u.Level) + "|" + u.Date
			if seenDay[k] {
				continue
			}
			seenDay[k] = true
		}
		reason := fmt.Sprintf("no %s authorization covers %s", u.Level, u.Date)
		placed := false
		for _, i := range order {
			a := &out[i]
			if a.Unit != u.Unit || a.Level != u.Level || u.Date < a.Start || u.Date > a.End {
				continue
			}
			if a.UnitsUsed >= a.Units {
				reason = fmt.Sprintf("authorization %s has no %ss left", a.Number, a.Unit)
				continue
			}
			a.UnitsUsed++
			placed = true
			break
		}
		if !placed {
			uncovered = append(uncovered, Uncovered{u, reason})
		}
	}
	return out, uncovered
}

// BurnDown is when an authorization's units run out at the client's schedule.
type BurnDown struct {
	AuthorizationID string      `json:"authorization_id"`
	UnitsLeft       int         `json:"units_left"`
	ExhaustsOn      string      `json:"exhausts_on,omitempty"` // the date the last unit is used; "" when the schedule does not use them up by the end
	Exhausted       bool        `json:"exhausted"`             // no units were left today
	LeftAtEnd       int         `json:"units_left_at_end"`     // units still unused on the last authorized date
	Points          []BurnPoint `json:"points"`                // units left after each planned unit
	// Unauthorized are planned dates the authorization cannot pay for: after the units run out or
	// after it ends. A new or extended authorization is needed for them.
	Unauthorized []string `json:"unauthorized,omitempty"`
}

// BurnPoint is the units left after a planned date.
type BurnPoint struct {
	Date string `json:"date"`
	Left int    `json:"left"`
}

// BurnDownOf plays the client's planned units (dates of future sessions or program days, from
// today on) against a's units left.
func BurnDownOf(a Authorization, today string, planned []string) BurnDown {
	b := BurnDown{AuthorizationID: a.ID, UnitsLeft: a.UnitsLeft(), Exhausted: a.UnitsLeft() == 0}
	left := b.UnitsLeft
	dates := slices.Sorted(slices.Values(planned))
	if a.Unit == UnitDay {
		dates = slices.Compact(dates)
	}
	for _, d := range dates {
		if d < today || d < a.Start {
			continue
		}
		if d > a.End || left == 0 {
			b.Unauthorized = append(b.Unauthorized, d)
			continue
		}
		left--
		b.Points = append(b.Points, BurnPoint{d, left})
		if left == 0 {
			b.ExhaustsOn = d
		}
	}
	b.LeftAtEnd = left
	return b
}

// AlertKind is what an authorization alert warns of.
type AlertKind string

// The authorization alerts.
const (
	AlertExhaustion AlertKind = "exhaustion"
	AlertExpiry     AlertKind = "expiry"
	AlertReview     AlertKind = "review"
)

// AlertLeadBusinessDays is how many business days ahead an authorization alert is raised.
const AlertLeadBusinessDays = 3

// AuthAlert is a warning raised from Due (a business day) until On, the day it is about.
type AuthAlert struct {
	Kind            AlertKind `json:"kind"`
	AuthorizationID string    `json:"authorization_id"`
	On              string    `json:"on"`
	Due             string    `json:"due"`
	Message         string    `json:"message"`
}

// Alerts lists a's alerts: its units running out (when the schedule uses them up), its end and
// each review date, each due 3 business days before (weekends and federal holidays skipped).
// Messages name the authorization number, never the client.
func Alerts(a Authorization, b BurnDown) []AuthAlert {
	var out []AuthAlert
	add := func(k AlertKind, on, msg string) {
		out = append(out, AuthAlert{k, a.ID, on, AddBusinessDays(on, -AlertLeadBusinessDays), msg})
	}
	if b.ExhaustsOn != "" {
		add(AlertExhaustion, b.ExhaustsOn, fmt.Sprintf("Authorization %s (%s) uses its last %s on %s at the current schedule%s.",
			a.Number, a.Level.Name(), a.Unit, b.ExhaustsOn, unauthorizedNote(b)))
	}
	add(AlertExpiry, a.End, fmt.Sprintf("Authorization %s (%s) ends on %s with %d of %d %ss used.",
		a.Number, a.Level.Name(), a.End, a.UnitsUsed, a.Units, a.Unit))
	for _, d := range slices.Sorted(slices.Values(a.ReviewDates)) {
		add(AlertReview, d, fmt.Sprintf("Authorization %s (%s) is due for review with the payer on %s.", a.Number, a.Level.Name(), d))
	}
	slices.SortStableFunc(out, func(x, y AuthAlert) int { return strings.Compare(x.Due, y.Due) })
	return out
}

func unauthorizedNote(b BurnDown) string {
	if len(b.Unauthorized) == 0 {
		return ""
	}
	return fmt.Sprintf("; %d planned after that need a new authorization", len(b.Unauthorized))
}

// DueAlerts keeps the alerts raised on today: due on or before it and about today or later.
func DueAlerts(alerts []AuthAlert, today string) []AuthAlert {
	var out []AuthAlert
	for _, a := range alerts {
		if a.Due <= today && today <= a.On {
			out = append(out, a)
		}
	}
	return out
}

// UnitsFromCharges turns a client's charges at one level into the units an authorization counts:
// with UnitDay, one unit per date with any charge (a program day, however many sessions); with
// UnitSession, one per charge. Held charges count too: the care happened, even if the bill waits.
func UnitsFromCharges(charges []Charge, level carepath.Level, unit AuthUnit) []AttendedUnit {
	var out []AttendedUnit
	seen := map[string]bool{}
	for _, c := range charges {
		if unit == UnitDay {
			if seen[c.ClientID+"|"+c.Date] {
				continue
			}
			seen[c.ClientID+"|"+c.Date] = true
		}
		out = append(out, AttendedUnit{Ref: c.ID, Date: c.Date, Unit: unit, Level: level})
	}
	return out
}
