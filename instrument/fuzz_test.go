package instrument

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/carepath/carepath"
)

// FuzzScore feeds every instrument answers made from random bytes, once as they come (any
// count, any value) and once cut to the right count with mostly valid indices. Score must
// never panic, and must either report an EINVALID field error under answers.<id> or return a
// total within 0..MaxTotal whose band holds it.
func FuzzScore(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Add([]byte{1, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3})
	f.Add([]byte{2, 4, 4, 4, 4, 4, 4, 4, 4, 2, 2})
	f.Add([]byte{0, 255, 128, 7, 1})
	sexes := []carepath.Sex{carepath.SexUnknown, carepath.SexFemale, carepath.SexMale, ""}
	f.Fuzz(func(t *testing.T, data []byte) {
		sex := carepath.SexUnknown
		if len(data) > 0 {
			sex, data = sexes[int(data[0])%len(sexes)], data[1:]
		}
		raw := make([]int, len(data))
		for i, b := range data {
			raw[i] = int(int8(b))
		}
		for _, in := range All() {
			fitted := make([]int, len(in.Items))
			for i := range fitted {
				if len(data) > 0 {
					fitted[i] = int(data[i%len(data)]) % (len(in.Items[i].Options) + 1)
				}
			}
			for _, answers := range [][]int{raw, fitted} {
				checkScore(t, in, answers, sex)
			}
		}
	})
}

// checkScore scores answers and checks the result against what the answers allow.
func checkScore(t *testing.T, in *Instrument, answers []int, sex carepath.Sex) {
	t.Helper()
	valid := len(answers) == len(in.Items)
	for i := 0; valid && i < len(answers); i++ {
		valid = answers[i] >= 0 && answers[i] < len(in.Items[i].Options)
	}
	s, err := in.Score(answers, sex)
	if !valid {
		var e *carepath.Error
		if !errors.As(err, &e) || e.Code != carepath.EINVALID || len(e.Fields) == 0 {
			t.Fatalf("%s %v: err = %v, want an EINVALID error with fields", in.Name, answers, err)
		}
		for _, fe := range e.Fields {
			if fe.Field != "answers."+string(in.ID) && !strings.HasPrefix(fe.Field, "answers."+string(in.ID)+"[") {
				t.Fatalf("%s: field error on %q", in.Name, fe.Field)
			}
		}
		return
	}
	if err != nil {
		t.Fatalf("%s %v: %v", in.Name, answers, err)
	}
	sum := 0
	for _, p := range s.Points {
		sum += p
	}
	if s.Total < 0 || s.Total > in.MaxTotal || sum != s.Total || len(s.Points) != len(in.Items) {
		t.Fatalf("%s %v: total %d points %v, MaxTotal %d", in.Name, answers, s.Total, s.Points, in.MaxTotal)
	}
	b := in.BandFor(s.Total, sex)
	if in.ByItems() {
		if b != (Band{}) {
			t.Fatalf("%s: BandFor gives %+v for an instrument banded by its items", in.Name, b)
		}
		b = in.Bands[slices.IndexFunc(in.Bands, func(b Band) bool { return b.Code == cssrsTriage(answers) })]
		if s.Band != b.Code || s.Zone != 0 {
			t.Fatalf("%s %v: band %q, want %q", in.Name, answers, s.Band, b.Code)
		}
	} else if b.Code == "" || b.Code != s.Band || s.Total < b.Min || s.Total > b.Max || b.Zone != s.Zone {
		t.Fatalf("%s total %d: band %q, but BandFor gives %+v", in.Name, s.Total, s.Band, b)
	}
	if in.Screen != (s.Positive != nil) || (s.Positive != nil && *s.Positive != b.Positive) {
		t.Fatalf("%s total %d: Positive %v, band %+v", in.Name, s.Total, s.Positive, b)
	}
}

// cssrsTriage is the C-SSRS screener's triage written out a second way, as the published
// colour table reads, for the fuzz target to check Score against: the most serious "yes" wins.
func cssrsTriage(a []int) string {
	risk := CSSRSNone
	for i, v := range a {
		var this string
		switch {
		case i == CSSRSBehavior && v == CSSRSBehaviorPast3Months:
			this = CSSRSHigh
		case i == CSSRSBehavior && v == CSSRSBehaviorEarlier:
			this = CSSRSModerate
		case i == CSSRSBehavior || v != 0:
			continue
		case i == CSSRSIntent || i == CSSRSPlan:
			this = CSSRSHigh
		case i == CSSRSMethod:
			this = CSSRSModerate
		default:
			this = CSSRSLow
		}
		order := []string{CSSRSNone, CSSRSLow, CSSRSModerate, CSSRSHigh}
		if slices.Index(order, this) > slices.Index(order, risk) {
			risk = this
		}
	}
	return risk
}

// FuzzCSSRSAnswers feeds CSSRSAnswers every combination of yes/no answers (any count) and
// follow-up: it must either name answers.cssrs or answers.cssrs_behavior_past_3_months, or
// return indices that score to the risk the answers give, never lower.
func FuzzCSSRSAnswers(f *testing.F) {
	f.Add(uint8(0), uint8(6), uint8(0))
	f.Add(uint8(0b100000), uint8(6), uint8(1))
	f.Add(uint8(0b100000), uint8(6), uint8(2))
	f.Add(uint8(0b000011), uint8(5), uint8(0))
	f.Fuzz(func(t *testing.T, bits, n, follow uint8) {
		yes := make([]bool, int(n)%9)
		for i := range yes {
			yes[i] = bits&(1<<i) != 0
		}
		var recent *bool
		if follow%3 != 0 {
			r := follow%3 == 1
			recent = &r
		}
		a, err := CSSRSAnswers(yes, recent)
		if err != nil {
			fields := carepath.ErrorFields(err)
			if len(fields) != 1 || (fields[0].Field != "answers.cssrs" && fields[0].Field != "answers.cssrs_behavior_past_3_months") {
				t.Fatalf("%v %v: %v", yes, recent, err)
			}
			return
		}
		s, err := cssrs.Score(a, carepath.SexUnknown)
		if err != nil {
			t.Fatalf("%v → %v: %v", yes, a, err)
		}
		checkScore(t, cssrs, a, carepath.SexUnknown)
		if n := len(slices.DeleteFunc(slices.Clone(yes), func(y bool) bool { return !y })); len(s.Critical) != n {
			t.Fatalf("%v: %d critical items named, want one for each of the %d yes answers", yes, len(s.Critical), n)
		}
		if yes[CSSRSBehavior] && (recent == nil || *recent) && s.Band != CSSRSHigh {
			t.Fatalf("%v %v: behaviour in (or of unknown date within) the past 3 months gives %s", yes, recent, s.Band)
		}
	})
}
