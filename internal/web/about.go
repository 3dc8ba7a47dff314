package web

import (
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/instrument"
	"github.com/carepath/carepath/placement"
)

// aboutView is the view model of the "how this works" page, which shows how the decision aid
// asks, the rubric itself, the safety floor and the withdrawal management settings.
type aboutView struct {
	page
	Rubric  []rubricRow
	Credits []credit
}

// credit is a questionnaire the decision aid asks, with its attribution.
type credit struct{ Name, Title, Attribution string }

// aidCredits lists the questionnaires the decision aid can ask.
func aidCredits() []credit {
	var out []credit
	for _, in := range instrument.All() {
		if !in.ClinicianRated {
			out = append(out, credit{in.Name, in.Title, in.Attribution})
		}
	}
	ds := instrument.SingleDrugScreen
	return append(out, credit{ds.Name, ds.Title, ds.Attribution})
}

type rubricRow struct{ Code, Level, Dimension, Text string }

func rubricRows() []rubricRow {
	rows := make([]rubricRow, 0, len(placement.Rubric))
	for _, r := range placement.Rubric {
		dim := "—"
		if r.Dimension != "" {
			dim = r.Dimension.Name()
		}
		rows = append(rows, rubricRow{r.Code, r.Level.Name(), dim, r.Text})
	}
	return rows
}

// floorRow is one rule of the safety floor as the page shows it.
type floorRow struct{ Code, Level, Urgency, Withdrawal, Text string }

// Floor lists every rule of the safety floor.
func (aboutView) Floor() []floorRow {
	wm := map[placement.WithdrawalManagement]string{}
	for _, l := range placement.WithdrawalManagementLevels {
		wm[l.Level] = l.Name
	}
	rows := make([]floorRow, 0, len(placement.FloorRules))
	for _, r := range placement.FloorRules {
		level := "—"
		if r.Level != carepath.LevelNone {
			level = r.Level.Name()
		}
		withdrawal := "—"
		if r.Withdrawal != placement.WMNone {
			withdrawal = wm[r.Withdrawal]
		}
		rows = append(rows, floorRow{r.Code, level, placement.UrgencyTexts[r.Urgency], withdrawal, r.Text})
	}
	return rows
}

// wmRow is one withdrawal management setting as the page shows it.
type wmRow struct{ Code, Name, Number string }

// Withdrawal lists the withdrawal management settings, least intensive first.
func (aboutView) Withdrawal() []wmRow {
	rows := make([]wmRow, 0, len(placement.WithdrawalManagementLevels))
	for _, l := range placement.WithdrawalManagementLevels {
		n := l.ASAM
		if n == "" {
			n = "—"
		}
		rows = append(rows, wmRow{string(l.Level), l.Name, n})
	}
	return rows
}

// about explains how the decision aid works and where its rules come from.
func (s *Server) about(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "about", aboutView{page: page{Title: "How this works"}, Rubric: rubricRows(), Credits: aidCredits()})
}
