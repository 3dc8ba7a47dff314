package billing

import (
	"slices"
	"strings"
	"testing"

	"github.com/carepath/carepath"
)

func dayCharges(n int, cents carepath.Cents) []Charge {
	var out []Charge
	for i := range n {
		out = append(out, Charge{ID: string(rune('a' + i)), ClientID: "c1", Date: addDays("2026-03-02", i), Cents: cents})
	}
	return out
}

func TestShareCosts(t *testing.T) {
	type row struct{ primary, secondary, client, adjust, balance carepath.Cents }
	tests := []struct {
		name      string
		charges   []Charge
		primary   *Coverage
		secondary *Coverage
		want      []row
		dedMet    carepath.Cents
		oopMet    carepath.Cents
	}{
		{"self-pay", dayCharges(2, 30000), nil, nil, []row{{0, 0, 30000, 0, 0}, {0, 0, 30000, 0, 0}}, 0, 0},
		// $500 deductible left, then 20%: day 1 $300 all deductible; day 2 $200 deductible + 20% of $100.
		{"deductible then coinsurance", dayCharges(3, 30000),
			&Coverage{PayerID: "p", Rank: 1, InNetwork: true, Deductible: 100000, DeductibleMet: 50000, CoinsurancePercent: 20},
			nil, []row{{0, 0, 30000, 0, 0}, {8000, 0, 22000, 0, 0}, {24000, 0, 6000, 0, 0}}, 100000, 58000},
		{"copay", dayCharges(2, 30000), &Coverage{PayerID: "p", Rank: 1, InNetwork: true, Copay: 4000, CoinsurancePercent: 50},
			nil, []row{{26000, 0, 4000, 0, 0}, {26000, 0, 4000, 0, 0}}, 0, 8000},
		// $1,000 maximum with $950 met: day 1 the client pays $50, then nothing.
		{"out-of-pocket maximum", dayCharges(2, 30000),
			&Coverage{PayerID: "p", Rank: 1, InNetwork: true, Deductible: 50000, DeductibleMet: 50000, CoinsurancePercent: 30, OutOfPocketMax: 100000, OutOfPocketMet: 95000},
			nil, []row{{25000, 0, 5000, 0, 0}, {30000, 0, 0, 0, 0}}, 50000, 100000},
		// In network at a contracted 80%: $300 billed, $240 allowed, $60 written off, 10% of $240 = $24.
		{"contracted rate", dayCharges(1, 30000),
			&Coverage{PayerID: "p", Rank: 1, InNetwork: true, CoinsurancePercent: 10, AllowedPercent: 80},
			nil, []row{{21600, 0, 2400, 6000, 0}}, 0, 2400},
		// Out of network, 60% allowed: $180 allowed, 40% coinsurance $72, plus the $120 above the allowance.
		{"out of network", dayCharges(1, 30000),
			&Coverage{PayerID: "p", Rank: 1, InNetwork: false, CoinsurancePercent: 40, AllowedPercent: 60},
			nil, []row{{10800, 0, 7200 + 12000, 0, 12000}}, 0, 7200},
		// Primary leaves $60 (20%); the secondary (10% coinsurance) would have paid $270 and pays the $60.
		{"secondary covers the share", dayCharges(1, 30000),
			&Coverage{PayerID: "p", Rank: 1, InNetwork: true, CoinsurancePercent: 20},
			&Coverage{PayerID: "s", Rank: 2, InNetwork: true, CoinsurancePercent: 10},
			[]row{{24000, 6000, 0, 0, 0}}, 0, 6000},
		// A secondary with its own unmet $250 deductible would pay only $40 of the $60.
		{"secondary with a deductible", dayCharges(1, 30000),
			&Coverage{PayerID: "p", Rank: 1, InNetwork: true, CoinsurancePercent: 20},
			&Coverage{PayerID: "s", Rank: 2, InNetwork: true, Deductible: 25000},
			[]row{{24000, 5000, 1000, 0, 0}}, 0, 6000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			shares, ded, oop := ShareCosts(tt.charges, tt.primary, tt.secondary)
			var got []row
			for _, s := range shares {
				got = append(got, row{s.PrimaryPays, s.SecondaryPays, s.ClientPays, s.Adjustment, s.BalanceBill})
				if s.PrimaryPays+s.SecondaryPays+s.ClientPays+s.Adjustment != s.Billed {
					t.Errorf("%s: the parts do not add up to the charge: %+v", s.ChargeID, s)
				}
				if s.Basis == "" {
					t.Error("every share says how it was reached")
				}
			}
			if !slices.Equal(got, tt.want) || ded != tt.dedMet || oop != tt.oopMet {
				t.Errorf("got %v (deductible met %d, out of pocket %d), want %v (%d, %d)", got, ded, oop, tt.want, tt.dedMet, tt.oopMet)
			}
		})
	}
}

func TestCoverageValidate(t *testing.T) {
	ok := Coverage{PayerID: "p", Rank: 1, Deductible: 100000, DeductibleMet: 20000, CoinsurancePercent: 20, OutOfPocketMax: 300000}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := Coverage{Rank: 4, Deductible: 100, DeductibleMet: 200, CoinsurancePercent: 120, Copay: -1, OutOfPocketMax: 100, OutOfPocketMet: 200, PlanYearStart: "Jan 1"}
	got := fieldsOf(t, bad.Validate())
	want := []string{"payer_id", "rank", "copay_cents", "deductible_met_cents", "out_of_pocket_met_cents", "coinsurance_percent", "plan_year_start"}
	for _, f := range want {
		if !slices.Contains(got, f) {
			t.Errorf("missing a field error on %s: %v", f, got)
		}
	}
	if m := carepath.ErrorMessage(bad.Validate()); !strings.Contains(m, "cannot exceed the deductible") {
		t.Errorf("message: %s", m)
	}
}
