package placement

import (
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/cost"
)

func TestOptionsCompareLevelsUnderCoverage(t *testing.T) {
	cov := &cost.Coverage{DeductibleRemaining: ptr(carepath.Cents(50000)), CoinsurancePercent: ptr(20), OutOfPocketRemaining: ptr(carepath.Cents(300000))}
	rec, err := Recommend(Profile{Answers: Answers{PHQ9: phq(17, 0)}, Context: Context{Support: SupportStrong}, Coverage: cov})
	if err != nil {
		t.Fatal(err)
	}
	byLevel := map[carepath.Level]Option{}
	for _, o := range rec.Options {
		byLevel[o.Level] = o
		if len(o.Pros) == 0 || len(o.Cons) == 0 {
			t.Errorf("%s has no pros or cons", o.Level)
		}
	}
	for _, l := range []carepath.Level{carepath.LevelOutpatient, carepath.LevelIOP, carepath.LevelPHP} {
		if _, ok := byLevel[l]; !ok {
			t.Fatalf("options lack %s", l)
		}
	}
	iop := byLevel[carepath.LevelIOP]
	// IOP default: 3 days × 3 h for 6 weeks at $300 a day = 18 days = $5,400 (within the seed's $3,000–$10,000).
	if iop.Fit != "recommended" || iop.HoursPerWeek.Min != 9 || iop.Total != 540000 {
		t.Errorf("iop = %+v", iop)
	}
	// $500 deductible, then 20 % of $4,900 = $980: $1,480 in all, under the $3,000 out-of-pocket left.
	if iop.ClientPays != 148000 || iop.InsurerPays != 392000 {
		t.Errorf("iop client %d insurer %d", iop.ClientPays, iop.InsurerPays)
	}
	// Outpatient: 16 weekly sessions at $175 = $2,800; $500 + 20 % of $2,300 = $960.
	out := byLevel[carepath.LevelOutpatient]
	if out.Fit != "not_enough" || out.Total != 280000 || out.ClientPays != 96000 {
		t.Errorf("outpatient = %+v", out)
	}
	// PHP: 20 days at $500 = $10,000; $500 + 20 % of $9,500 = $2,400.
	if php := byLevel[carepath.LevelPHP]; php.Fit != "more_than_needed" || php.ClientPays != 240000 {
		t.Errorf("php = %+v", php)
	}
}

func TestOptionsIncludeTheRecommendedLevel(t *testing.T) {
	rec, _ := Recommend(Profile{Dimensions: ratings(4, -1, -1, -1, -1, -1)})
	last := rec.Options[len(rec.Options)-1]
	if last.Level != carepath.LevelInpatient || last.Fit != "recommended" {
		t.Errorf("options = %+v", rec.Options)
	}
	rec, _ = Recommend(Profile{Answers: Answers{PHQ9: phq(0, 0)}})
	if rec.Options[0].Level != carepath.LevelNone || rec.Options[0].Total != 0 {
		t.Errorf("options = %+v", rec.Options)
	}
}
