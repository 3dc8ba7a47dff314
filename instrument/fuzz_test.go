package instrument

import (
	"errors"
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
	if b.Code == "" || b.Code != s.Band || s.Total < b.Min || s.Total > b.Max || b.Zone != s.Zone {
		t.Fatalf("%s total %d: band %q, but BandFor gives %+v", in.Name, s.Total, s.Band, b)
	}
	if in.Screen != (s.Positive != nil) || (s.Positive != nil && *s.Positive != b.Positive) {
		t.Fatalf("%s total %d: Positive %v, band %+v", in.Name, s.Total, s.Positive, b)
	}
}
