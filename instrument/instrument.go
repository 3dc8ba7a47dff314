// Package instrument holds the validated questionnaires and rating scales carepath uses — PHQ-9,
// GAD-7, AUDIT and DAST-10 that a person answers, with the short screens drawn from them
// (PHQ-2, GAD-2, AUDIT-C) and the single-question drug screen, the C-SSRS screener for suicide
// risk, and the clinician-rated CIWA-Ar (alcohol withdrawal) and COWS (opioid withdrawal) —
// with their item texts, options in the published order, attribution, LOINC codes where known,
// scoring and severity bands or risk categories. It is pure: no I/O, no database.
//
// The instruments are package-level values built once at start-up and shared by every caller;
// callers must treat them, and every slice they hold, as read-only.
package instrument

import "github.com/carepath/carepath"

// ID names an instrument in answers, URLs and storage.
type ID string

// The instruments carepath knows.
const (
	PHQ9   ID = "phq9"
	PHQ2   ID = "phq2" // the PHQ-9's first two questions, a screen
	GAD7   ID = "gad7"
	GAD2   ID = "gad2" // the GAD-7's first two questions, a screen
	AUDIT  ID = "audit"
	AUDITC ID = "auditc"
	DAST10 ID = "dast10"
	CSSRS  ID = "cssrs"   // Columbia–Suicide Severity Rating Scale, screener
	CIWAAr ID = "ciwa_ar" // Clinical Institute Withdrawal Assessment for Alcohol, revised
	COWS   ID = "cows"    // Clinical Opiate Withdrawal Scale
)

// Instrument is one questionnaire exactly as published.
type Instrument struct {
	ID           ID
	Name         string // e.g. "PHQ-9"
	Title        string // e.g. "Patient Health Questionnaire-9"
	Instructions string // the stem shown above the items, e.g. "Over the last 2 weeks, ..."
	Attribution  string // copyright / permission statement shown with the items
	PanelLOINC   string // empty when carepath knows no panel code for certain
	TotalLOINC   string
	Items        []Item
	Bands        []Band // ordered, contiguous, covering 0..MaxTotal; for women and unknown sex
	// MaleBands, when set, replaces Bands for men: AUDIT-C's positive screen starts at 4 for
	// men but at 3 for women, and at 3 (the safer cut-off) when sex is unknown.
	MaleBands []Band
	// Screen marks an instrument whose result is a positive or negative screen: its scores
	// carry Score.Positive, taken from the band's Positive. A positive PHQ-2, GAD-2 or AUDIT-C
	// is followed by the rest of its full questionnaire (PHQ-9, GAD-7, AUDIT).
	Screen   bool
	MaxTotal int
	// ClinicianRated marks a scale a clinician completes from observation and interview
	// (CIWA-Ar, COWS) rather than a questionnaire a person answers.
	ClinicianRated bool
	// RecallDays is how far back the questions look, in days: 14 for the PHQ-9, PHQ-2, GAD-7
	// and GAD-2, 365 for the AUDIT, AUDIT-C and DAST-10, 30 for the C-SSRS screener's thoughts (its question 6
	// asks about a whole life), and 0 for ratings of the present moment (CIWA-Ar, COWS).
	RecallDays int
	// classify, when set, picks the band from which items were answered and how, not from the
	// total: the C-SSRS screener's risk follows its most serious "yes". It returns an index
	// into Bands; the bands' Min and Max are then unused.
	classify func(answers []int) int
}

// ByItems reports whether the instrument's band follows from which items were answered, not
// from its total (the C-SSRS screener). BandFor and BandOf then return the zero Band; the band
// is in the Score.
func (in *Instrument) ByItems() bool { return in.classify != nil }

// Item is one question with its options in the published order.
type Item struct {
	Key     string // "item1" … "item10"
	Text    string
	LOINC   string // the item's LOINC code, when it has one
	Options []Option
	// Critical marks a safety item: any answer that scores points names the item in
	// Score.Critical (PHQ-9 item 9, thoughts of being better off dead or of self-harm).
	Critical bool
	// Follows, when set, names the key of the item this one is asked only after (C-SSRS
	// questions 3–5 are asked only after a "yes" to question 2). An item that was not asked is
	// answered with its last option, "No".
	Follows string
}

// Option is one answer choice: its published label and the points it scores.
type Option struct {
	Label  string
	Points int
}

// Band is a severity band: totals Min..Max inclusive.
type Band struct {
	Code     string // e.g. "moderately_severe"
	Label    string // e.g. "Moderately severe"
	Min      int
	Max      int
	Zone     int  // the WHO risk zone 1–4 of an AUDIT band; 0 elsewhere
	Positive bool // a positive screen (AUDIT-C "positive"; any C-SSRS risk)
}

// Score is the scored result of one set of answers.
type Score struct {
	Instrument ID       `json:"-"`
	Total      int      `json:"total"`
	Band       string   `json:"band"`
	Zone       int      `json:"zone,omitempty"`     // AUDIT risk zone 1–4
	Critical   []string `json:"critical,omitempty"` // PHQ-9: ["item9"] when item 9 scores ≥ 1; C-SSRS: each "yes"
	Positive   *bool    `json:"positive,omitempty"` // AUDIT-C and C-SSRS screen result
	Points     []int    `json:"points"`             // points per item, in item order
}

// all lists the instruments in their customary order: the questionnaires a person answers,
// each followed by the screen drawn from it, then the suicide-risk screener, then the
// withdrawal scales.
var all = [...]*Instrument{phq9, phq2, gad7, gad2, audit, auditC, dast10, cssrs, ciwaAr, cows}

// Get returns the instrument named id, and false when carepath knows no such instrument. The
// instrument is shared: callers must not change it.
func Get(id ID) (*Instrument, bool) {
	switch id {
	case PHQ9:
		return phq9, true
	case PHQ2:
		return phq2, true
	case GAD7:
		return gad7, true
	case GAD2:
		return gad2, true
	case AUDIT:
		return audit, true
	case AUDITC:
		return auditC, true
	case DAST10:
		return dast10, true
	case CSSRS:
		return cssrs, true
	case CIWAAr:
		return ciwaAr, true
	case COWS:
		return cows, true
	}
	return nil, false
}

// All returns every instrument in the order PHQ-9, PHQ-2, GAD-7, GAD-2, AUDIT, AUDIT-C,
// DAST-10, C-SSRS, CIWA-Ar, COWS. The slice is the caller's own; the instruments it points to are shared and
// must not be changed.
func All() []*Instrument {
	out := make([]*Instrument, len(all))
	copy(out, all[:])
	return out
}

// sexBands returns the bands that apply to sex.
func (in *Instrument) sexBands(sex carepath.Sex) []Band {
	if sex == carepath.SexMale && in.MaleBands != nil {
		return in.MaleBands
	}
	return in.Bands
}
