package outcome

import "github.com/carepath/carepath/instrument"

// Thresholds are the cut-offs that turn two totals of one instrument into a judgement.
type Thresholds struct {
	// ReliableChange is the smallest change in points that is taken as real rather than
	// measurement error, in either direction.
	ReliableChange int
	// Caseness is the total from which a score counts as a clinical case (total ≥ Caseness).
	Caseness int
	// Remission is the total below which a score counts as remission (total < Remission).
	Remission int
	// ResponsePercent is the reduction from the baseline, in percent, that counts as a
	// response (reduction ≥ ResponsePercent % of the baseline).
	ResponsePercent int
}

// Config holds the thresholds of each instrument that change is judged on. Instruments
// without thresholds are measured but never judged. Alerts, Review and BuildReport take a
// Config with no thresholds at all (the zero Config) as DefaultConfig.
type Config struct {
	Thresholds map[instrument.ID]Thresholds
}

// orDefault returns c, or DefaultConfig when c holds no thresholds.
func (c Config) orDefault() Config {
	if c.Thresholds == nil {
		return DefaultConfig()
	}
	return c
}

// DefaultConfig returns the thresholds carepath uses unless a program configures others:
// reliable change of 6 points on the PHQ-9 and 4 on the GAD-7 (the figures NHS Talking
// Therapies uses), caseness from 10 on the PHQ-9 and from 8 on the GAD-7, remission below 5
// on both, and response at a 50 % reduction.
func DefaultConfig() Config {
	return Config{Thresholds: map[instrument.ID]Thresholds{
		instrument.PHQ9: {ReliableChange: 6, Caseness: 10, Remission: 5, ResponsePercent: 50},
		instrument.GAD7: {ReliableChange: 4, Caseness: 8, Remission: 5, ResponsePercent: 50},
	}}
}

// Change judges one measure against the client's baseline on the same instrument. Delta is
// Latest − Baseline, so a fall in symptoms is negative.
type Change struct {
	Instrument            instrument.ID
	Baseline              int
	Latest                int
	Delta                 int
	ReliableImprovement   bool // fell by at least the reliable change
	ReliableDeterioration bool // rose by at least the reliable change
	// Response is a fall of at least ResponsePercent % of the baseline; never with a baseline
	// of 0, from which no fall is possible.
	Response       bool
	Remission      bool // Latest below the remission cut-off
	CaseAtBaseline bool
	CaseAtLatest   bool
	// LeftCaseness is a case at baseline and not at the latest measure, on this instrument
	// alone; ReliablyLeftCaseness is that together with reliable improvement. They are not
	// recovery, which looks at the PHQ-9 and GAD-7 together (see Config.RecoveryOf).
	LeftCaseness         bool
	ReliablyLeftCaseness bool
}

// Compare judges latest against baseline on instrument id. It returns false when the
// configuration holds no thresholds for id.
func (c Config) Compare(id instrument.ID, baseline, latest int) (Change, bool) {
	t, ok := c.Thresholds[id]
	if !ok {
		return Change{}, false
	}
	ch := Change{Instrument: id, Baseline: baseline, Latest: latest, Delta: latest - baseline}
	ch.ReliableImprovement = -ch.Delta >= t.ReliableChange
	ch.ReliableDeterioration = ch.Delta >= t.ReliableChange
	// Integer arithmetic: (baseline − latest) / baseline ≥ p / 100, with no rounding.
	ch.Response = baseline > 0 && 100*(baseline-latest) >= t.ResponsePercent*baseline
	ch.Remission = latest < t.Remission
	ch.CaseAtBaseline = baseline >= t.Caseness
	ch.CaseAtLatest = latest >= t.Caseness
	ch.LeftCaseness = ch.CaseAtBaseline && !ch.CaseAtLatest
	ch.ReliablyLeftCaseness = ch.LeftCaseness && ch.ReliableImprovement
	return ch, true
}

// Track judges every measure of instrument id in ms against the first one, the baseline, and
// returns one Change per measure in the order taken; the first has a Delta of 0. It returns
// nil when there is no measure of id or no thresholds for it.
func (c Config) Track(ms []Measure, id instrument.ID) []Change {
	s := series(ms, id)
	if len(s) == 0 {
		return nil
	}
	out := make([]Change, 0, len(s))
	for _, m := range s {
		ch, ok := c.Compare(id, s[0].Total, m.Total)
		if !ok {
			return nil
		}
		out = append(out, ch)
	}
	return out
}

// Latest judges the latest measure of instrument id in ms against the first. It returns false
// when there are fewer than two such measures (no change can be seen in one) or no thresholds
// for id.
func (c Config) Latest(ms []Measure, id instrument.ID) (Change, bool) {
	var first, last *Measure
	n := 0
	for i := range ms {
		m := &ms[i]
		if m.Instrument != id {
			continue
		}
		n++
		if first == nil || before(m, first) {
			first = m
		}
		if last == nil || before(last, m) {
			last = m
		}
	}
	if n < 2 {
		return Change{}, false
	}
	return c.Compare(id, first.Total, last.Total)
}

// before reports whether a was taken before b, ties broken by ID as sortMeasures does.
func before(a, b *Measure) bool {
	if c := a.TakenAt.Compare(b.TakenAt); c != 0 {
		return c < 0
	}
	return a.ID < b.ID
}

// Recovery is a course of care judged as NHS Talking Therapies reports it, on the PHQ-9 and
// the GAD-7 together, from the first measure of each (the baseline) to the last.
type Recovery struct {
	// CaseAtBaseline: the PHQ-9 or the GAD-7 at caseness at baseline. Only such courses count
	// towards recovery.
	CaseAtBaseline bool
	// Recovered: a case at baseline, and below caseness on both at the end.
	Recovered bool
	// ReliableImprovement: a reliable fall on either, and no reliable rise on the other.
	ReliableImprovement bool
	// ReliableDeterioration: a reliable rise on either, and no reliable fall on the other.
	ReliableDeterioration bool
	// ReliableRecovery: recovered and reliably improved.
	ReliableRecovery bool
	PHQ9, GAD7       Change // each instrument on its own
}

// RecoveryOf judges the measures of one course of care on the PHQ-9 and GAD-7 together. It
// returns false unless both were measured at least twice (a first and a last measure each) and
// the configuration has thresholds for both.
func (c Config) RecoveryOf(ms []Measure) (Recovery, bool) {
	phq, ok1 := c.Latest(ms, instrument.PHQ9)
	gad, ok2 := c.Latest(ms, instrument.GAD7)
	if !ok1 || !ok2 {
		return Recovery{}, false
	}
	r := Recovery{PHQ9: phq, GAD7: gad}
	r.CaseAtBaseline = phq.CaseAtBaseline || gad.CaseAtBaseline
	r.Recovered = r.CaseAtBaseline && !phq.CaseAtLatest && !gad.CaseAtLatest
	r.ReliableImprovement = (phq.ReliableImprovement || gad.ReliableImprovement) && !phq.ReliableDeterioration && !gad.ReliableDeterioration
	r.ReliableDeterioration = (phq.ReliableDeterioration || gad.ReliableDeterioration) && !phq.ReliableImprovement && !gad.ReliableImprovement
	r.ReliableRecovery = r.Recovered && r.ReliableImprovement
	return r, true
}
