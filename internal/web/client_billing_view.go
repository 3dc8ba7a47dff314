package web

import (
	"net/http"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/cost"
)

// chartBillingSection is the chart's section about paying for care: the active diagnoses, the
// coverages in force and what each level would cost the client under the primary one.
type chartBillingSection struct {
	Diagnoses chartSection[*carepath.Diagnosis]      // active ones only
	Coverages chartSection[*carepath.ClientCoverage] // primary first
	Costs     []chartCost                            // by level, under the primary coverage (self-pay without one)
	SelfPay   bool                                   // no coverage in force: the costs are self-pay
	// OutOfNetwork: a coverage in force is out of network, so the client may want a superbill.
	OutOfNetwork bool
	Balance      *carepath.ClientBalance // the account from claims, remittances and payments; nil when not shown
	Payments     bool                    // the role may see the client's payments (the link to them)
	// RecordPayment: the role may record a payment, so the section has the form (front desk,
	// case managers, admin).
	RecordPayment bool
	Today         string // the payment form's default date
}

// chartCost is what a typical course of one level costs and what the client would pay.
type chartCost struct {
	Level    carepath.Level
	Estimate cost.Estimate
}

// chartCostLevels are the levels the chart's cost comparison shows.
var chartCostLevels = []carepath.Level{carepath.LevelOutpatient, carepath.LevelIOP, carepath.LevelPHP}

// chartBilling reads the chart's billing section; each part may be withheld on its own.
func (s *Server) chartBilling(r *http.Request, clientID string) chartBillingSection {
	var sec chartBillingSection
	if s.Diagnoses == nil {
		sec.Diagnoses.Denied = true
	} else {
		list, err := s.Diagnoses.FindDiagnoses(r.Context(), clientID)
		var active []*carepath.Diagnosis
		for _, d := range list {
			if d.Active() {
				active = append(active, d)
			}
		}
		sec.Diagnoses = sectionOf(s, "diagnoses", active, err)
	}
	if s.Claims != nil {
		if b, err := s.Claims.FindClientBalance(r.Context(), clientID); err == nil && (b.Charged > 0 || b.ClientPaid > 0) {
			sec.Balance = b
		}
		if who, ok := carepath.ActorFrom(r.Context()); ok {
			sec.Payments = access.Allowed(who.Role, access.Charge, access.List)
			sec.RecordPayment = access.Allowed(who.Role, access.Charge, access.Create)
			sec.Today = time.Now().In(s.viewerZone(r)).Format(carepath.DateLayout)
		}
	}
	if s.Coverages == nil {
		sec.Coverages.Denied = true
		return sec
	}
	list, err := s.Coverages.FindCoverages(r.Context(), clientID)
	sec.Coverages = sectionOf(s, "coverages", list, err)
	if sec.Coverages.Denied || sec.Coverages.Problem != "" {
		return sec
	}
	var primary *carepath.ClientCoverage
	if len(list) > 0 {
		primary = list[0]
	}
	sec.SelfPay = primary == nil
	for _, c := range list {
		sec.OutOfNetwork = sec.OutOfNetwork || !c.InNetwork
	}
	for _, l := range chartCostLevels {
		sec.Costs = append(sec.Costs, chartCost{Level: l, Estimate: cost.Price(cost.Defaults[l], costCoverage(primary))})
	}
	return sec
}

// costCoverage is the part of a coverage that decides the client's share, for the cost
// package; nil (self-pay) for no coverage.
func costCoverage(c *carepath.ClientCoverage) *cost.Coverage {
	if c == nil {
		return nil
	}
	deductible, coinsurance, copay := c.DeductibleLeft(), c.CoinsurancePercent, c.Copay
	cov := &cost.Coverage{DeductibleRemaining: &deductible, CoinsurancePercent: &coinsurance, Copay: &copay}
	if left, ok := c.OutOfPocketLeft(); ok {
		cov.OutOfPocketRemaining = &left
	}
	return cov
}

// primaryCostCoverage is the client's primary coverage for the cost package, or nil when there
// is none or it cannot be read (the estimate is then self-pay, as the page says).
func (s *Server) primaryCostCoverage(r *http.Request, clientID string) *cost.Coverage {
	if s.Coverages == nil {
		return nil
	}
	list, err := s.Coverages.FindCoverages(r.Context(), clientID)
	if err != nil || len(list) == 0 {
		return nil
	}
	return costCoverage(list[0])
}
