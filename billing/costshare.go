package billing

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/carepath/carepath"
)

// Coverage is one insurance plan's figures for a client, as the payer stated them for the plan
// year: deductible and coinsurance or a copay, the out-of-pocket maximum, what has been met so
// far, and whether the program is in the payer's network.
type Coverage struct {
	PayerID            string         `json:"payer_id"`
	Rank               int            `json:"rank"` // 1 primary, 2 secondary
	InNetwork          bool           `json:"in_network"`
	PlanYearStart      string         `json:"plan_year_start,omitempty"`
	Deductible         carepath.Cents `json:"deductible_cents"`
	DeductibleMet      carepath.Cents `json:"deductible_met_cents"`
	CoinsurancePercent int            `json:"coinsurance_percent"`
	Copay              carepath.Cents `json:"copay_cents"`             // per visit or program day; when set, it replaces deductible and coinsurance
	OutOfPocketMax     carepath.Cents `json:"out_of_pocket_max_cents"` // 0: no maximum
	OutOfPocketMet     carepath.Cents `json:"out_of_pocket_met_cents"`
	// AllowedPercent is what the payer allows as a share of the billed charge (0 means 100): the
	// contracted rate in network, the plan's out-of-network allowance otherwise.
	AllowedPercent int `json:"allowed_percent,omitempty"`
}

// Validate checks c; field errors name payer_id, rank, deductible_cents, deductible_met_cents,
// coinsurance_percent, copay_cents, out_of_pocket_max_cents, out_of_pocket_met_cents,
// allowed_percent and plan_year_start.
func (c Coverage) Validate() error {
	var errs carepath.FieldErrors
	if strings.TrimSpace(c.PayerID) == "" {
		errs.Add("payer_id", "required", "choose the payer")
	}
	if c.Rank < 1 || c.Rank > 3 {
		errs.Add("rank", "range", "1 for primary, 2 for secondary, 3 for tertiary")
	}
	money := map[string]carepath.Cents{"deductible_cents": c.Deductible, "deductible_met_cents": c.DeductibleMet,
		"copay_cents": c.Copay, "out_of_pocket_max_cents": c.OutOfPocketMax, "out_of_pocket_met_cents": c.OutOfPocketMet}
	for _, f := range slices.Sorted(maps.Keys(money)) {
		if v := money[f]; v < 0 || v > 10_000_000_00 {
			errs.Add(f, "range", "an amount between $0 and $10,000,000")
		}
	}
	if c.DeductibleMet > c.Deductible {
		errs.Add("deductible_met_cents", "above_total", "what has been met (%s) cannot exceed the deductible (%s)", c.DeductibleMet, c.Deductible)
	}
	if c.OutOfPocketMax > 0 && c.OutOfPocketMet > c.OutOfPocketMax {
		errs.Add("out_of_pocket_met_cents", "above_total", "what has been met (%s) cannot exceed the out-of-pocket maximum (%s)", c.OutOfPocketMet, c.OutOfPocketMax)
	}
	if c.CoinsurancePercent < 0 || c.CoinsurancePercent > 100 {
		errs.Add("coinsurance_percent", "range", "a percentage from 0 to 100")
	}
	if c.AllowedPercent < 0 || c.AllowedPercent > 100 {
		errs.Add("allowed_percent", "range", "a percentage from 0 to 100")
	}
	if c.PlanYearStart != "" {
		if _, err := parseDate(c.PlanYearStart); err != nil {
			errs.Add("plan_year_start", "date", "give the first day of the plan year as YYYY-MM-DD")
		}
	}
	return errs.Err()
}

// Share is how one charge splits between the payers and the client.
type Share struct {
	ChargeID      string         `json:"charge_id"`
	Billed        carepath.Cents `json:"billed_cents"`
	Allowed       carepath.Cents `json:"allowed_cents"`
	Deductible    carepath.Cents `json:"deductible_cents"`   // the client's deductible part
	Copay         carepath.Cents `json:"copay_cents"`        // the client's copay
	Coinsurance   carepath.Cents `json:"coinsurance_cents"`  // the client's coinsurance part
	BalanceBill   carepath.Cents `json:"balance_bill_cents"` // out of network: billed above the allowance
	Adjustment    carepath.Cents `json:"adjustment_cents"`   // in network: billed above the contracted rate, written off
	PrimaryPays   carepath.Cents `json:"primary_pays_cents"`
	SecondaryPays carepath.Cents `json:"secondary_pays_cents"`
	ClientPays    carepath.Cents `json:"client_pays_cents"`
	Basis         string         `json:"basis"`
}

// accumulators are what a plan has counted so far this plan year.
type accumulators struct{ deductibleMet, oopMet carepath.Cents }

// ShareCosts splits each charge, in date order, between the primary payer, the secondary and the
// client, carrying the deductible and out-of-pocket amounts met from one charge to the next. Without
// a primary coverage the client pays every charge. The secondary pays what it would have paid as
// primary, never more than the client's share the primary left. It returns the shares in charge
// order and the primary's deductible and out-of-pocket met after them.
func ShareCosts(charges []Charge, primary, secondary *Coverage) (shares []Share, deductibleMet, outOfPocketMet carepath.Cents) {
	ordered := slices.Clone(charges)
	slices.SortStableFunc(ordered, byDateThenID)
	var p, s accumulators
	if primary != nil {
		p = accumulators{primary.DeductibleMet, primary.OutOfPocketMet}
	}
	if secondary != nil {
		s = accumulators{secondary.DeductibleMet, secondary.OutOfPocketMet}
	}
	for _, c := range ordered {
		sh := Share{ChargeID: c.ID, Billed: c.Cents}
		if primary == nil {
			sh.Allowed, sh.ClientPays, sh.Basis = c.Cents, c.Cents, "self-pay: no insurance on file"
			shares = append(shares, sh)
			continue
		}
		sh.Allowed = allowed(c.Cents, primary.AllowedPercent)
		ded, copay, coins := costShare(sh.Allowed, *primary, &p)
		sh.Deductible, sh.Copay, sh.Coinsurance = ded, copay, coins
		clientShare := ded + copay + coins
		sh.PrimaryPays = sh.Allowed - clientShare
		if primary.InNetwork {
			sh.Adjustment = c.Cents - sh.Allowed
		} else {
			sh.BalanceBill = c.Cents - sh.Allowed
		}
		sh.Basis = basis(*primary, ded, copay, coins)
		if secondary != nil && clientShare > 0 {
			sAllowed := allowed(c.Cents, secondary.AllowedPercent)
			sd, sc, si := costShare(sAllowed, *secondary, &s)
			would := sAllowed - (sd + sc + si)
			sh.SecondaryPays = max(min(would, clientShare), 0)
			if sh.SecondaryPays > 0 {
				sh.Basis += fmt.Sprintf("; the secondary payer pays %s of it", sh.SecondaryPays)
			}
		}
		sh.ClientPays = clientShare - sh.SecondaryPays + sh.BalanceBill
		shares = append(shares, sh)
	}
	return shares, p.deductibleMet, p.oopMet
}

// allowed applies an allowance percentage, rounding half up.
func allowed(billed carepath.Cents, pct int) carepath.Cents {
	if pct == 0 || pct == 100 {
		return billed
	}
	return (billed*carepath.Cents(pct) + 50) / 100
}

// costShare is the client's part of an allowed amount under c: the copay when c has one, else the
// deductible still unmet and then the coinsurance, capped by the out-of-pocket maximum left. It
// updates acc.
func costShare(allowedAmt carepath.Cents, c Coverage, acc *accumulators) (ded, copay, coins carepath.Cents) {
	if c.Copay > 0 {
		copay = min(c.Copay, allowedAmt)
	} else {
		ded = min(max(c.Deductible-acc.deductibleMet, 0), allowedAmt)
		coins = ((allowedAmt-ded)*carepath.Cents(c.CoinsurancePercent) + 50) / 100
	}
	if c.OutOfPocketMax > 0 {
		room := max(c.OutOfPocketMax-acc.oopMet, 0)
		if over := ded + copay + coins - room; over > 0 {
			cut := min(over, coins)
			coins -= cut
			over -= cut
			cut = min(over, copay)
			copay -= cut
			over -= cut
			ded -= min(over, ded)
		}
	}
	acc.deductibleMet += ded
	acc.oopMet += ded + copay + coins
	return ded, copay, coins
}

func basis(c Coverage, ded, copay, coins carepath.Cents) string {
	var parts []string
	if ded > 0 {
		parts = append(parts, fmt.Sprintf("%s toward the deductible", ded))
	}
	if copay > 0 {
		parts = append(parts, fmt.Sprintf("a %s copay", copay))
	}
	if coins > 0 {
		parts = append(parts, fmt.Sprintf("%d%% coinsurance (%s)", c.CoinsurancePercent, coins))
	}
	if len(parts) == 0 {
		parts = append(parts, "nothing: the deductible and out-of-pocket maximum leave no share")
	}
	network := "in network"
	if !c.InNetwork {
		network = "out of network"
	}
	return network + ": " + strings.Join(parts, ", ")
}
