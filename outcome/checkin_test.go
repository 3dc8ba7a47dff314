package outcome

import (
	"slices"
	"testing"

	"github.com/carepath/carepath"
)

func TestParseCheckIn(t *testing.T) {
	tests := []struct {
		answers []int
		fields  []string // nil when valid
	}{
		{[]int{7, 30, 0}, nil},
		{[]int{0, 0, 10}, nil},
		{[]int{3, 26, 5}, nil}, // 30-day count at its most: 3 + 23
		{[]int{3, 3, 5}, nil},  // and at its least
		{[]int{3, 27, 5}, []string{"answers.checkin[1]"}},
		{[]int{5, 4, 5}, []string{"answers.checkin[1]"}},
		{[]int{8, 30, 11}, []string{"answers.checkin[0]", "answers.checkin[2]"}},
		{[]int{-1, 31, -1}, []string{"answers.checkin[0]", "answers.checkin[1]", "answers.checkin[2]"}},
		{[]int{7, 30}, []string{"answers.checkin"}},
		{nil, []string{"answers.checkin"}},
	}
	for _, tt := range tests {
		c, err := ParseCheckIn(tt.answers)
		var fields []string
		for _, f := range carepath.ErrorFields(err) {
			fields = append(fields, f.Field)
		}
		if !slices.Equal(fields, tt.fields) {
			t.Errorf("ParseCheckIn(%v) fields %v, want %v (err %v)", tt.answers, fields, tt.fields, err)
		}
		if err != nil && carepath.ErrorCode(err) != carepath.EINVALID {
			t.Errorf("ParseCheckIn(%v) code %s", tt.answers, carepath.ErrorCode(err))
		}
		if err == nil {
			m := c.Measure()
			back, ok := CheckInOf(&m)
			if !ok || back != c || m.Total != c.Craving {
				t.Errorf("round trip of %v: %+v %v", tt.answers, back, ok)
			}
		}
	}
}

func FuzzParseCheckIn(f *testing.F) {
	f.Add(7, 30, 0)
	f.Add(3, 27, 5)
	f.Fuzz(func(t *testing.T, a, b, c int) {
		ci, err := ParseCheckIn([]int{a, b, c})
		if err != nil {
			if carepath.ErrorCode(err) != carepath.EINVALID || len(carepath.ErrorFields(err)) == 0 {
				t.Fatalf("error without fields: %v", err)
			}
			return
		}
		if ci.DaysAbstinent7 < 0 || ci.DaysAbstinent7 > 7 || ci.DaysAbstinent30 < ci.DaysAbstinent7 ||
			ci.DaysAbstinent30 > 30 || 30-ci.DaysAbstinent30 < 7-ci.DaysAbstinent7 || ci.Craving < 0 || ci.Craving > 10 {
			t.Fatalf("accepted %+v", ci)
		}
	})
}

func TestRelapses(t *testing.T) {
	ci := func(i, d7, d30 int) Measure {
		m := CheckIn{DaysAbstinent7: d7, DaysAbstinent30: d30, Craving: 4}.Measure()
		m.ID = "m" + itoa(i)
		m.TakenAt = day0.AddDate(0, 0, 7*i)
		return m
	}
	ms := []Measure{
		ci(0, 4, 10), // use at admission: not a relapse
		ci(1, 6, 15), // continued use
		ci(2, 7, 20), // a clean week
		ci(3, 7, 27),
		ci(4, 5, 25), // relapse
		ci(5, 6, 24), // continued use, not a second relapse
		ci(6, 7, 25),
		ci(7, 6, 26), // relapse again
	}
	ms = append(ms, seriesOf("phq9", 3)...)
	slices.Reverse(ms)
	var ids []string
	for _, m := range Relapses(ms) {
		ids = append(ids, m.ID)
	}
	if !slices.Equal(ids, []string{"m4", "m7"}) {
		t.Errorf("Relapses = %v, want [m4 m7]", ids)
	}
}
