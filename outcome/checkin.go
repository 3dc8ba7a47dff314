package outcome

import (
	"strconv"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/instrument"
)

// CheckInID names the days-abstinent-and-craving check-in in answers, URLs and storage.
const CheckInID instrument.ID = "checkin"

// CheckIn is the short check-in carepath asks of clients treated for substance use: how many
// of the last 7 days and of the last 30 days they used no alcohol or drugs, and how strong
// their craving was over the last week from 0 (none) to 10 (the strongest they can imagine).
// It is carepath's own tracking question set, not a validated instrument, and it has no
// severity bands.
type CheckIn struct {
	DaysAbstinent7  int
	DaysAbstinent30 int
	Craving         int
}

// CheckInQuestion is one question of the check-in with the whole numbers it accepts.
type CheckInQuestion struct {
	Key  string
	Text string
	Min  int
	Max  int
}

// CheckInQuestions lists the check-in's questions in the order their answers are given. The
// slice is shared: callers must not change it.
var CheckInQuestions = []CheckInQuestion{
	{Key: "days_abstinent_7", Min: 0, Max: 7,
		Text: "On how many of the last 7 days did you use no alcohol and no drugs (other than as prescribed)?"},
	{Key: "days_abstinent_30", Min: 0, Max: 30,
		Text: "On how many of the last 30 days did you use no alcohol and no drugs (other than as prescribed)?"},
	{Key: "craving", Min: 0, Max: 10,
		Text: "Over the last week, how strong was your urge to drink or use, from 0 (none) to 10 (the strongest you can imagine)?"},
}

// ParseCheckIn checks answers — days abstinent in the last 7, days abstinent in the last 30,
// craving — and returns the check-in. Every problem is reported at once in an EINVALID
// *carepath.Error: answers.checkin for the count, answers.checkin[i] for a number out of its
// range, and answers.checkin[1] when the two day counts contradict each other (the last 7 days
// are part of the last 30, so the 30-day count lies between the 7-day count and it plus 23).
func ParseCheckIn(answers []int) (CheckIn, error) {
	var errs carepath.FieldErrors
	field := "answers." + string(CheckInID)
	if len(answers) != len(CheckInQuestions) {
		errs.Add(field, "count", "The check-in needs %d answers, got %d", len(CheckInQuestions), len(answers))
		return CheckIn{}, errs.Err()
	}
	for i, q := range CheckInQuestions {
		if a := answers[i]; a < q.Min || a > q.Max {
			errs.Add(field+"["+strconv.Itoa(i)+"]", "range", "answer %d must be between %d and %d, got %d", i+1, q.Min, q.Max, a)
		}
	}
	c := CheckIn{DaysAbstinent7: answers[0], DaysAbstinent30: answers[1], Craving: answers[2]}
	if len(errs) == 0 && (c.DaysAbstinent30 < c.DaysAbstinent7 || c.DaysAbstinent30 > c.DaysAbstinent7+23) {
		errs.Add(field+"[1]", "inconsistent",
			"the days without use in the last 30 must be between %d and %d, since the last 7 days are part of them",
			c.DaysAbstinent7, c.DaysAbstinent7+23)
	}
	if err := errs.Err(); err != nil {
		return CheckIn{}, err
	}
	return c, nil
}

// Measure returns the check-in as a Measure of CheckInID: its Points are the three answers and
// its Total is the craving rating.
func (c CheckIn) Measure() Measure {
	return Measure{Instrument: CheckInID, Total: c.Craving, Points: []int{c.DaysAbstinent7, c.DaysAbstinent30, c.Craving}}
}

// CheckInOf returns the check-in a measure holds, and false when m is not a complete check-in.
func CheckInOf(m *Measure) (CheckIn, bool) {
	if m.Instrument != CheckInID || len(m.Points) != len(CheckInQuestions) {
		return CheckIn{}, false
	}
	return CheckIn{DaysAbstinent7: m.Points[0], DaysAbstinent30: m.Points[1], Craving: m.Points[2]}, true
}

// Used reports whether the check-in reports any day of use in the last 7.
func (c CheckIn) Used() bool { return c.DaysAbstinent7 < 7 }

// Relapses returns the check-ins in ms that report a relapse: use in the last 7 days after an
// earlier check-in that reported a full week without use. A first check-in, or one after an
// earlier week that already had use, is continued use rather than a relapse. The result is
// in the order taken.
func Relapses(ms []Measure) []Measure {
	var out []Measure
	abstinent := false
	for _, m := range series(ms, CheckInID) {
		c, ok := CheckInOf(&m)
		if !ok {
			continue
		}
		if c.Used() {
			if abstinent {
				out = append(out, m)
			}
			abstinent = false
		} else {
			abstinent = true
		}
	}
	return out
}
