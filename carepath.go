// Package carepath holds the domain of carepath: levels of care, risk dimensions, money and the
// one error type. It imports the standard library only; adapters live in subpackages.
package carepath

import "fmt"

// Level is a level of care, from no treatment to 24-hour medically managed care.
type Level string

// The levels of care, from least to most intensive.
const (
	LevelNone        Level = "none"
	LevelOutpatient  Level = "outpatient"
	LevelIOP         Level = "iop"
	LevelPHP         Level = "php"
	LevelResidential Level = "residential"
	LevelInpatient   Level = "inpatient"
)

// Levels lists every level of care from least to most intensive.
var Levels = []Level{LevelNone, LevelOutpatient, LevelIOP, LevelPHP, LevelResidential, LevelInpatient}

// levelInfo is what carepath says about each level: its public ASAM crosswalk number, a plain
// name and, in words a person reads at a glance, the time it takes.
var levelInfo = map[Level]struct {
	asam, name, hours string
}{
	LevelNone:        {"", "No treatment now", "No regular sessions"},
	LevelOutpatient:  {"1.0", "Individual therapy (outpatient)", "About 1 hour a week, sometimes 2"},
	LevelIOP:         {"2.1", "Intensive Outpatient Program (IOP)", "9–19 hours a week"},
	LevelPHP:         {"2.5", "Partial Hospitalization Program (PHP)", "20 or more hours a week"},
	LevelResidential: {"3.5", "Residential treatment", "Around the clock, living at the program"},
	LevelInpatient:   {"4.0", "Inpatient care", "Around the clock, in a hospital"},
}

// Valid reports whether l is one of the known levels.
func (l Level) Valid() bool { _, ok := levelInfo[l]; return ok }

// Rank orders levels by intensity: none is 0, inpatient is 5, an unknown level is -1.
func (l Level) Rank() int {
	for i, x := range Levels {
		if x == l {
			return i
		}
	}
	return -1
}

// ASAMLevel is the public ASAM level number that l crosswalks to ("" for none).
func (l Level) ASAMLevel() string { return levelInfo[l].asam }

// Name is the plain-language name of l.
func (l Level) Name() string { return levelInfo[l].name }

// HoursText describes the time l takes each week, in plain words a person reads at a glance,
// e.g. "About 1 hour a week, sometimes 2".
func (l Level) HoursText() string { return levelInfo[l].hours }

// Dimension is one of the six risk dimensions, each rated 0 (none) to 4 (severe).
type Dimension string

// The six risk dimensions.
const (
	DimWithdrawal  Dimension = "withdrawal"
	DimBiomedical  Dimension = "biomedical"
	DimPsychiatric Dimension = "psychiatric"
	DimReadiness   Dimension = "readiness"
	DimRelapse     Dimension = "relapse"
	DimEnvironment Dimension = "environment"
)

// Dimensions lists the six dimensions in their customary order.
var Dimensions = []Dimension{DimWithdrawal, DimBiomedical, DimPsychiatric, DimReadiness, DimRelapse, DimEnvironment}

// dimensionNames gives each dimension a plain-language name.
var dimensionNames = map[Dimension]string{
	DimWithdrawal:  "Withdrawal and intoxication",
	DimBiomedical:  "Physical health",
	DimPsychiatric: "Mental health",
	DimReadiness:   "Readiness to change",
	DimRelapse:     "Risk of relapse or continued use",
	DimEnvironment: "Home, support and recovery environment",
}

// Name is the plain-language name of d.
func (d Dimension) Name() string { return dimensionNames[d] }

// Valid reports whether d is one of the six dimensions.
func (d Dimension) Valid() bool { _, ok := dimensionNames[d]; return ok }

// MaxRating is the highest risk rating of a dimension.
const MaxRating = 4

// Sex is the sex used by instruments whose cut-offs differ for women and men.
type Sex string

// The sexes an instrument's cut-offs know; unknown uses the lower (safer) cut-off.
const (
	SexUnknown Sex = "unknown"
	SexFemale  Sex = "female"
	SexMale    Sex = "male"
)

// Cents is an amount of money in integer US cents.
type Cents int64

// String formats c as dollars, e.g. "$1,234.50" or "$300".
func (c Cents) String() string {
	neg := c < 0
	if neg {
		c = -c
	}
	dollars, cents := int64(c)/100, int64(c)%100
	s := fmt.Sprintf("%d", dollars)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if cents != 0 {
		s += fmt.Sprintf(".%02d", cents)
	}
	if neg {
		return "-$" + s
	}
	return "$" + s
}
