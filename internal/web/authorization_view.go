package web

import (
	"net/http"
	"strconv"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/svgchart"
)

// authorizationForm is the add-an-authorization form as typed.
type authorizationForm struct {
	PayerID, Number, Level, Start, End, Units, Unit, NextReview, Frequency, CareManager string
}

// authorizationFields are the add form's fields: the service's field path and the element id.
var authorizationFields = []struct{ path, id string }{
	{"payer_id", "auth-payer"}, {"number", "auth-number"}, {"level", "auth-level"}, {"start", "auth-start"},
	{"end", "auth-end"}, {"units", "auth-units"}, {"unit", "auth-unit"}, {"next_review", "auth-review"},
	{"frequency", "auth-frequency"}, {"care_manager", "auth-care-manager"},
}

// authorizationRow is one authorization on the page, with its burn-down chart and the
// extension form as typed.
type authorizationRow struct {
	*carepath.Authorization
	Chart                   svgchart.Chart
	ExtendUnits, ExtendEnd  string
	ExtendReview, ExtendErr string
	ExtendField             string // the element id the extension error belongs to
}

// authorizationListView is the view model of an episode's authorizations page.
type authorizationListView struct {
	page
	Client    *carepath.Client
	Episode   *carepath.Episode
	Rows      []authorizationRow
	Payers    []*carepath.Payer
	Levels    []carepath.Level
	Form      authorizationForm
	Errors    map[string]string
	Summary   []errorLink
	TextField []formField
	// Certification is the physician certification section (Medicare IOP episodes only).
	Certification certificationSection
}

// renderAuthorizationList reads the episode's authorizations (and, for a Medicare IOP episode,
// its physician certifications) and renders the page; extend, when set, fills one row's
// extension form with what was typed and its error; cert, when set, the certification form.
func (s *Server) renderAuthorizationList(w http.ResponseWriter, r *http.Request, status int, f authorizationForm,
	errs map[string]string, extend *authorizationRow, cert *certificationForm) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	ep, err := s.findEpisode(r, c.ID, r.PathValue("episode"))
	if err != nil {
		s.fail(w, r, "read episode", err, episodeErrors)
		return
	}
	list, err := s.Authorizations.FindAuthorizations(r.Context(), ep.ID)
	if err != nil {
		s.fail(w, r, "find authorizations", err, episodeErrors)
		return
	}
	payers, err := s.Payers.FindPayers(r.Context())
	if err != nil {
		s.fail(w, r, "find payers", err, episodeErrors)
		return
	}
	v := authorizationListView{page: page{Title: "Authorizations"}, Client: c, Episode: ep, Payers: payers, Form: f, Errors: errs,
		Levels: []carepath.Level{carepath.LevelIOP, carepath.LevelPHP, carepath.LevelOutpatient, carepath.LevelResidential, carepath.LevelInpatient}}
	for _, a := range list {
		row := authorizationRow{Authorization: a, Chart: burnDownChart(a), ExtendUnits: strconv.Itoa(a.Units), ExtendEnd: a.End, ExtendReview: a.NextReview}
		if extend != nil && extend.ID == a.ID {
			row.ExtendUnits, row.ExtendEnd, row.ExtendReview = extend.ExtendUnits, extend.ExtendEnd, extend.ExtendReview
			row.ExtendErr, row.ExtendField = extend.ExtendErr, extend.ExtendField
		}
		v.Rows = append(v.Rows, row)
	}
	order := make([]string, len(authorizationFields))
	for i, af := range authorizationFields {
		order[i] = af.id
	}
	v.Summary = summaryOf(errs, order...)
	if extend != nil {
		v.Summary = append(v.Summary, errorLink{extend.ExtendField, extend.ExtendErr})
	}
	who, _ := staffOf(r)
	v.Certification = s.certificationsOf(r, who, ep, cert)
	if cert != nil {
		ids := make([]string, len(certificationFields))
		for i, cf := range certificationFields {
			ids[i] = cf.id
		}
		v.Summary = append(v.Summary, summaryOf(cert.Errors, ids...)...)
	}
	field := func(id, name, label, value, typ string) formField {
		return formField{ID: id, Name: name, Label: label, Value: value, Type: typ, Error: errs[id]}
	}
	v.TextField = []formField{
		field("auth-number", "number", "Authorization number", f.Number, ""),
		field("auth-start", "start", "First authorized date", f.Start, "date"),
		field("auth-end", "end", "Last authorized date", f.End, "date"),
		field("auth-units", "units", "Units approved", f.Units, ""),
		field("auth-review", "next_review", "Next review (optional)", f.NextReview, "date"),
		field("auth-frequency", "frequency", "Frequency (optional, e.g. 3 days a week)", f.Frequency, ""),
		field("auth-care-manager", "care_manager", "The payer's care manager (optional)", f.CareManager, ""),
	}
	s.render(w, r, status, "authorization", v)
}

// burnDownChart draws a's burn-down: the units left after each planned date of the client's
// schedule, with zero as the reference line.
func burnDownChart(a *carepath.Authorization) svgchart.Chart {
	ch := svgchart.Chart{ID: "burn-" + a.ID, Title: "Units left of authorization " + a.Number + " at the client's schedule",
		XLabel: "Planned " + a.Unit, YLabel: "Units left", Line: true, RefLabel: "none left", Ref: 0}
	switch {
	case len(a.Burn) == 0:
		ch.Desc = "No sessions are scheduled within the authorization from today."
	case a.ExhaustsOn != "":
		ch.Desc = "At the client's schedule the units run out on " + a.ExhaustsOn + ", before the authorization ends on " + a.End + "."
	default:
		ch.Desc = "At the client's schedule, units remain on " + a.End + ", the last authorized date."
	}
	ch.Points = append(ch.Points, svgchart.Point{Label: "today", Value: float64(a.UnitsLeft)})
	for _, p := range a.Burn {
		ch.Points = append(ch.Points, svgchart.Point{Label: p.Date, Value: float64(p.UnitsLeft)})
	}
	return ch
}

// Extend is what the extension form of authorization id shows in field (units, end or review):
// what was typed when the form came back with a problem, else the authorization's own value.
func (v authorizationListView) Extend(id, field string) string {
	for _, r := range v.Rows {
		if r.ID != id {
			continue
		}
		switch field {
		case "units":
			return r.ExtendUnits
		case "end":
			return r.ExtendEnd
		}
		return r.ExtendReview
	}
	return ""
}
