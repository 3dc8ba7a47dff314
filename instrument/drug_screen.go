package instrument

import "github.com/carepath/carepath"

// DrugScreen is the ID of the single-question drug screen's scores.
const DrugScreen ID = "single_drug_screen"

// CountScreen is a one-question screen answered with a number of times rather than a choice:
// the single-question drug screen. Its Score's Total is the number given.
type CountScreen struct {
	ID          ID
	Name        string
	Title       string
	Question    string
	Hint        string // how to answer, in plain words
	Attribution string
	// PositiveFrom is the least number of times that makes a positive screen.
	PositiveFrom int
	// MaxCount is the largest number accepted.
	MaxCount   int
	RecallDays int
}

// SingleDrugScreen is the single-question screen for drug use (Smith, Schmidt,
// Allensworth-Davies & Saitz 2010), which the US National Institute on Drug Abuse recommends
// for primary care: any use in the past year (1 time or more) is a positive screen, after which
// the DAST-10 is asked. Its question counts prescription medicines used for non-medical
// reasons; alcohol and tobacco are asked about elsewhere.
var SingleDrugScreen = &CountScreen{
	ID:    DrugScreen,
	Name:  "Single-question drug screen",
	Title: "Single-question screening test for drug use",
	Question: "How many times in the past year have you used an illegal drug or used a prescription medication " +
		"for non-medical reasons?",
	Hint: "Non-medical reasons means, for example, for the feeling it gives, or more than a doctor prescribed. Type a number; 0 if never.",
	Attribution: "Smith PC, Schmidt SM, Allensworth-Davies D, Saitz R. A single-question screening test for drug use in " +
		"primary care. Archives of Internal Medicine 2010;170(13):1155–1160. Recommended by the US National Institute " +
		"on Drug Abuse (NIDA).",
	PositiveFrom: 1,
	MaxCount:     10000,
	RecallDays:   365,
}

// The bands of a count screen.
var countScreenBands = [2]Band{
	{Code: "negative", Label: "Negative screen"},
	{Code: "positive", Label: "Positive screen", Positive: true},
}

// Score scores the number of times given: a positive screen from PositiveFrom times on. A
// number below 0 or above MaxCount is an EINVALID *carepath.Error naming answers.<id>.
func (c *CountScreen) Score(times int) (Score, error) {
	if times < 0 || times > c.MaxCount {
		var errs carepath.FieldErrors
		errs.Add("answers."+string(c.ID), "range", "must be a whole number of times from 0 to %d", c.MaxCount)
		return Score{}, errs.Err()
	}
	mem, points := newScoreMemory(1)
	points[0] = times
	b := &countScreenBands[0]
	if times >= c.PositiveFrom {
		b = &countScreenBands[1]
	}
	mem.positive = b.Positive
	return Score{Instrument: c.ID, Total: times, Band: b.Code, Positive: &mem.positive, Points: points}, nil
}
