package web

import (
	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/svgchart"
)

// doseWeeks is how many weeks the chart's dose page shows; programDoseWeeks the program's.
const (
	doseWeeks        = 8
	programDoseWeeks = 4
)

// doseRow is one week of a client's dose. Idle marks a week with nothing scheduled or
// delivered (before admission, after discharge): it neither meets nor misses the minimum.
// Current marks the week in progress and Later a week still to come: neither can be judged
// yet.
type doseRow struct {
	Week                             string
	Required, Delivered              string
	Met, Idle, Current, Later        bool
	Individual, Group, Family, MedMg int
	Scheduled                        int
}

// doseView is the view model of a client's dose page.
type doseView struct {
	page
	Who      signedIn
	Client   *carepath.Client
	Rows     []doseRow
	Chart    svgchart.Chart
	Prev     string
	Next     string
	TimeZone string
	Problem  string
}

// programDoseCell is one client-week on the program's dose page. Current marks the week in
// progress and Later a week still to come: neither is judged against the minimum unless it is
// already met.
type programDoseCell struct {
	Delivered      string
	Met            bool
	Known          bool
	Current, Later bool
}

// programDoseRow is one client's weeks.
type programDoseRow struct {
	ClientID string
	Name     string
	Cells    []programDoseCell
}

// programDoseView is the view model of the program's dose page.
type programDoseView struct {
	page
	Who      signedIn
	Program  *carepath.Program
	Weeks    []string
	Rows     []programDoseRow
	Required string
	Chart    svgchart.Chart
	Prev     string
	Next     string
}
