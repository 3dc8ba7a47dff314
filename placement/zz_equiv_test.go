package placement

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/cost"
	"github.com/carepath/carepath/instrument"
)

// TestZZDumpRandom writes the JSON of many random recommendations to $PLACEMENT_DUMP.
func TestZZDumpRandom(t *testing.T) {
	path := os.Getenv("PLACEMENT_DUMP")
	if path == "" {
		t.Skip()
	}
	r := rand.New(rand.NewPCG(7, 11))
	var sb strings.Builder
	answers := func(id instrument.ID, bias float64) []int {
		in, _ := instrument.Get(id)
		n := len(in.Items)
		if r.Float64() < 0.02 {
			n += r.IntN(3) - 1
		}
		a := make([]int, n)
		for i := range a {
			k := 4
			if i < len(in.Items) {
				k = len(in.Items[i].Options)
			}
			v := 0
			for j := 1; j < k; j++ {
				if r.Float64() < bias {
					v++
				}
			}
			if r.Float64() < 0.005 {
				v = k
			}
			a[i] = v
		}
		return a
	}
	pick := func(opts ...string) string { return opts[r.IntN(len(opts))] }
	for n := 0; n < 20000; n++ {
		var p Profile
		bias := r.Float64()
		if r.Float64() < 0.6 {
			p.Answers.PHQ9 = answers(instrument.PHQ9, bias)
		}
		if r.Float64() < 0.5 {
			p.Answers.GAD7 = answers(instrument.GAD7, bias)
		}
		if r.Float64() < 0.4 {
			p.Answers.AUDIT = answers(instrument.AUDIT, bias)
		}
		if r.Float64() < 0.3 {
			p.Answers.AUDITC = answers(instrument.AUDITC, bias)
		}
		if r.Float64() < 0.4 {
			d := make([]bool, 10)
			for i := range d {
				d[i] = r.Float64() < bias
			}
			p.Answers.DAST10 = d
		}
		if r.Float64() < 0.35 {
			for i := range carepath.Dimensions {
				if r.Float64() < 0.4 {
					v := r.IntN(5)
					if r.Float64() < 0.01 {
						v = 5
					}
					p.Dimensions.setAt(i, v)
				}
			}
		}
		c := &p.Context
		if r.Float64() < 0.3 {
			c.SubstanceUse = ptr(r.Float64() < 0.5)
		}
		c.Sex = carepath.Sex(pick("", "unknown", "female", "male"))
		c.RecentLevel = carepath.Level(pick("", "", "none", "outpatient", "iop", "php", "residential", "inpatient"))
		b := func(pr float64) bool { return r.Float64() < pr }
		c.CompletedRecentLevel = b(0.4)
		c.RelapsedAfterTreatment = b(0.2)
		c.AtRiskOfHospitalization = b(0.1)
		c.NeedsTwentyFourHourCare = b(0.07)
		c.LivesWithActiveUsers = b(0.1)
		if b(0.5) {
			c.StableHousing = ptr(b(0.7))
		}
		c.TroubleKeepingSchedule = b(0.2)
		c.Support = Support(pick("", "strong", "some", "none"))
		if b(0.5) {
			c.WeeklyHoursAvailable = ptr(r.IntN(40))
		}
		c.MustKeepWorking = b(0.4)
		c.Preference = Preference(pick("", "none", "individual", "group"))
		c.SelfHarm = b(0.08)
		c.Withdrawal = Severity(pick("", "", "none", "mild", "moderate", "severe"))
		c.MedicalNeeds = Severity(pick("", "", "none", "mild", "moderate", "severe"))
		c.Readiness = Readiness(pick("", "ready", "unsure", "not_ready"))
		if b(0.01) {
			c.Support = "lots"
		}
		if b(0.5) {
			cv := &cost.Coverage{}
			if b(0.7) {
				cv.DeductibleRemaining = ptr(carepath.Cents(r.IntN(200000)))
			}
			if b(0.5) {
				cv.CoinsurancePercent = ptr(r.IntN(50))
			}
			if b(0.4) {
				cv.Copay = ptr(carepath.Cents(r.IntN(8000)))
			}
			if b(0.5) {
				cv.OutOfPocketRemaining = ptr(carepath.Cents(r.IntN(800000)))
			}
			p.Coverage = cv
		}
		rec, err := Recommend(p)
		if err != nil {
			fmt.Fprintf(&sb, "%d ERR %v\n", n, err)
			continue
		}
		j, _ := json.Marshal(rec)
		fmt.Fprintf(&sb, "%d %s\n", n, j)
	}
	os.WriteFile(path, []byte(sb.String()), 0o644)
}
