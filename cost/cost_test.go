package cost

import (
	"testing"

	"github.com/carepath/carepath"
)

func cents(c carepath.Cents) *carepath.Cents { return &c }
func pct(p int) *int                         { return &p }

func TestPrice(t *testing.T) {
	iop := Defaults[carepath.LevelIOP] // 18 days at $300 = $5,400
	tests := []struct {
		name           string
		cov            *Coverage
		client, insure carepath.Cents
	}{
		{"self-pay", nil, 540000, 0},
		{"deductible then coinsurance", &Coverage{DeductibleRemaining: cents(100000), CoinsurancePercent: pct(20)}, 100000 + 88000, 352000},
		{"copay per day", &Coverage{Copay: cents(4000)}, 18 * 4000, 540000 - 72000},
		{"copay wins over coinsurance", &Coverage{Copay: cents(4000), CoinsurancePercent: pct(50)}, 72000, 468000},
		{"deductible larger than the total", &Coverage{DeductibleRemaining: cents(900000), CoinsurancePercent: pct(20)}, 540000, 0},
		{"out-of-pocket cap", &Coverage{DeductibleRemaining: cents(200000), CoinsurancePercent: pct(30), OutOfPocketRemaining: cents(150000)}, 150000, 390000},
		{"out-of-pocket already met", &Coverage{DeductibleRemaining: cents(0), CoinsurancePercent: pct(30), OutOfPocketRemaining: cents(0)}, 0, 540000},
		{"full coverage", &Coverage{CoinsurancePercent: pct(0)}, 0, 540000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := Price(iop, tt.cov)
			if e.Total != 540000 || e.ClientPays != tt.client || e.InsurerPays != tt.insure || e.Basis == "" {
				t.Errorf("got %+v, want client %d insurer %d", e, tt.client, tt.insure)
			}
		})
	}
}

func TestDefaultsFollowTheSeeds(t *testing.T) {
	iop := Defaults[carepath.LevelIOP]
	low, high := iop.TotalRange()
	if iop.HoursPerWeekMin != 9 || iop.RateLow != 25000 || iop.RateHigh != 35000 || low < 300000 || high > 1000000 {
		t.Errorf("IOP defaults drifted from the published ranges: %+v (%d–%d)", iop, low, high)
	}
	out := Defaults[carepath.LevelOutpatient]
	if out.HoursPerWeekMin != 1 || out.HoursPerWeekMax != 2 || out.RateLow != 10000 || out.RateHigh != 25000 {
		t.Errorf("outpatient defaults drifted from the published ranges: %+v", out)
	}
	if Defaults[carepath.LevelPHP].HoursPerWeekMin != 20 {
		t.Error("PHP is 20 or more hours a week")
	}
}
