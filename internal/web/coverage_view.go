package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
)

// coverageForm is the record-a-coverage form as typed; amounts in dollars.
type coverageForm struct {
	PayerID, Rank, MemberID, GroupID, SubscriberName, Relationship, PlanYearStart string
	Deductible, DeductibleMet, Coinsurance, Copay, OOPMax, OOPMet                 string
	Line1, City, State, Zip                                                       string // the subscriber's address
	MedicareSecondaryType                                                         string
	OutOfNetwork                                                                  bool
}

// coverageFields are the form's fields in order: the service's field path and the element id.
var coverageFields = []struct{ path, id string }{
	{"payer_id", "coverage-payer"}, {"rank", "coverage-rank"}, {"relationship", "coverage-relationship"},
	{"member_id", "coverage-member"}, {"group_id", "coverage-group"}, {"subscriber_name", "coverage-subscriber"},
	{"subscriber_address.line1", "coverage-line1"}, {"subscriber_address.city", "coverage-city"},
	{"subscriber_address.state", "coverage-state"}, {"subscriber_address.zip", "coverage-zip"},
	{"plan_year_start", "coverage-plan-year"}, {"deductible_cents", "coverage-deductible"},
	{"deductible_met_cents", "coverage-deductible-met"}, {"coinsurance_percent", "coverage-coinsurance"},
	{"copay_cents", "coverage-copay"}, {"out_of_pocket_max_cents", "coverage-oop-max"}, {"out_of_pocket_met_cents", "coverage-oop-met"},
	{"medicare_secondary_type", "coverage-medicare-secondary"},
}

// coverageListView is the view model of the client's coverage page.
type coverageListView struct {
	page
	Client  *carepath.Client
	Rows    []*carepath.ClientCoverage
	Payers  []*carepath.Payer
	Form    coverageForm
	Errors  map[string]string // by element id
	Summary []errorLink
	// MemberFields are the form's text inputs after the payer, order and relationship, as typed:
	// the member, group and subscriber; AddressFields the subscriber's address; PlanFields the
	// plan year and its amounts.
	MemberFields, AddressFields, PlanFields []formField
	// SecondaryTypes are the reasons Medicare may pay second, for the form's choice.
	SecondaryTypes []struct{ Code, Name string }
}

// MedicareSecondaryName is the plain name of a coverage's Medicare secondary payer type.
func (coverageListView) MedicareSecondaryName(code string) string {
	return carepath.MedicareSecondaryTypeName(code)
}

// renderCoverageList reads the client's coverages and the payers and renders the page.
func (s *Server) renderCoverageList(w http.ResponseWriter, r *http.Request, status int, f coverageForm, errs map[string]string) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	list, err := s.Coverages.FindCoverages(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, "find coverages", err, chartErrors)
		return
	}
	payers, err := s.Payers.FindPayers(r.Context())
	if err != nil {
		s.fail(w, r, "find payers", err, chartErrors)
		return
	}
	v := coverageListView{page: page{Title: "Coverage"}, Client: c, Rows: list, Payers: payers, Form: f, Errors: errs,
		SecondaryTypes: carepath.MedicareSecondaryTypes}
	order := make([]string, len(coverageFields))
	for i, cf := range coverageFields {
		order[i] = cf.id
	}
	v.Summary = summaryOf(errs, order...)
	field := func(id, name, label, value, hint, typ string) formField {
		return formField{ID: id, Name: name, Label: label, Value: value, Hint: hint, Type: typ, Error: errs[id]}
	}
	money := func(id, name, label, value, hint string) formField {
		ff := field(id, name, label, value, hint, "")
		ff.InputMode = "decimal"
		return ff
	}
	v.MemberFields = []formField{
		field("coverage-member", "member_id", "Member id", f.MemberID, "", ""),
		field("coverage-group", "group_id", "Group id (optional)", f.GroupID, "", ""),
		field("coverage-subscriber", "subscriber_name", "Subscriber's name (when not the client)", f.SubscriberName, "", ""),
	}
	v.PlanFields = []formField{
		field("coverage-plan-year", "plan_year_start", "Plan year starts", f.PlanYearStart, "", "date"),
		money("coverage-deductible", "deductible", "Deductible ($)", f.Deductible, ""),
		money("coverage-deductible-met", "deductible_met", "Deductible met so far ($)", f.DeductibleMet, ""),
		field("coverage-coinsurance", "coinsurance", "Coinsurance (%)", f.Coinsurance, "A whole number from 0 to 100.", ""),
		money("coverage-copay", "copay", "Copay per visit or program day ($)", f.Copay, "When set, it replaces the deductible and coinsurance."),
		money("coverage-oop-max", "oop_max", "Out-of-pocket maximum ($)", f.OOPMax, "Leave empty when there is none."),
		money("coverage-oop-met", "oop_met", "Out-of-pocket met so far ($)", f.OOPMet, ""),
	}
	v.AddressFields = []formField{
		field("coverage-line1", "line1", "Street address", f.Line1, "", ""),
		field("coverage-city", "city", "City", f.City, "", ""),
		field("coverage-state", "state", "State", f.State, "Two letters, e.g. IL.", ""),
		field("coverage-zip", "zip", "ZIP code", f.Zip, "", ""),
	}
	s.render(w, r, status, "coverage", v)
}

// input turns the form into the service's input; amounts that are not money are named in errs.
func (f coverageForm) input(errs map[string]string) carepath.CoverageInput {
	in := carepath.CoverageInput{PayerID: f.PayerID, MemberID: f.MemberID, GroupID: f.GroupID, SubscriberName: f.SubscriberName,
		Relationship: carepath.Relationship(f.Relationship), PlanYearStart: f.PlanYearStart, MedicareSecondaryType: f.MedicareSecondaryType,
		SubscriberAddress: &carepath.PostalAddress{Line1: f.Line1, City: f.City, State: f.State, Zip: f.Zip}}
	in.Rank, _ = strconv.Atoi(f.Rank)
	inNetwork := !f.OutOfNetwork
	in.InNetwork = &inNetwork
	dollars := func(id, s string, into *carepath.Cents) {
		if strings.TrimSpace(s) == "" {
			return
		}
		v, ok := parseDollars(s)
		if !ok {
			errs[id] = "Please give an amount in dollars, e.g. 1500 or 1,500.00."
			return
		}
		*into = v
	}
	dollars("coverage-deductible", f.Deductible, &in.Deductible)
	dollars("coverage-deductible-met", f.DeductibleMet, &in.DeductibleMet)
	dollars("coverage-copay", f.Copay, &in.Copay)
	dollars("coverage-oop-max", f.OOPMax, &in.OutOfPocketMax)
	dollars("coverage-oop-met", f.OOPMet, &in.OutOfPocketMet)
	if s := strings.TrimSpace(f.Coinsurance); s != "" {
		n, err := strconv.Atoi(strings.TrimSuffix(s, "%"))
		if err != nil {
			errs["coverage-coinsurance"] = "Please give a whole number from 0 to 100."
		}
		in.CoinsurancePercent = n
	}
	return in
}
