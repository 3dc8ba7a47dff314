package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/delivery"
	"github.com/carepath/carepath/internal/httpserver"
	"github.com/carepath/carepath/internal/svgchart"
)

// doseWeeks is how many weeks the chart's dose page shows; programDoseWeeks the program's.
const (
	doseWeeks        = 8
	programDoseWeeks = 4
)

// hoursText writes minutes as hours and minutes: "9 h", "7 h 30 min", "45 min".
func hoursText(minutes int) string {
	h, m := minutes/60, minutes%60
	switch {
	case h == 0:
		return strconv.Itoa(m) + " min"
	case m == 0:
		return strconv.Itoa(h) + " h"
	}
	return fmt.Sprintf("%d h %d min", h, m)
}

// addWeeks returns the ISO week n weeks after w (before, when n is negative).
func addWeeks(w delivery.ISOWeek, n int) delivery.ISOWeek {
	return delivery.WeekOfDate(w.Monday().AddDays(7 * n))
}

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

// clientLocation is the time zone of the client's latest program that the staff member may
// see, and its name; UTC when there is none.
func (s *Server) clientLocation(r *http.Request, clientID string) (*time.Location, string) {
	eps, err := s.Episodes.FindEpisodes(r.Context(), clientID)
	if err != nil {
		return time.UTC, "UTC"
	}
	return s.episodesLocation(r, eps)
}

// episodesLocation is clientLocation for episodes already read (oldest first).
func (s *Server) episodesLocation(r *http.Request, eps []*carepath.Episode) (*time.Location, string) {
	for i := len(eps) - 1; i >= 0; i-- {
		if p, err := s.Programs.FindProgramByID(r.Context(), eps[i].ProgramID); err == nil {
			return p.Location(), p.TimeZone
		}
	}
	return time.UTC, "UTC"
}

// clientDosePage shows a client's dose week by week: the hours required, delivered (from
// attendance) and whether the minimum was met, with sessions attended by kind, as a table and
// a line chart against the minimum.
func (s *Server) clientDosePage(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	loc, tz := s.clientLocation(r, c.ID)
	last := weekParam(r, "to", loc)
	weeks := make([]delivery.ISOWeek, doseWeeks)
	for i := doseWeeks - 1; i >= 0; i-- {
		weeks[i] = last
		last = weekBefore(last)
	}
	v := doseView{page: page{Title: "Program dose"}, Who: who, Client: c, TimeZone: tz}
	base := "/staff/clients/" + c.ID + "/dose?to="
	v.Prev = base + addWeeks(weeks[0], -1).String()
	v.Next = base + addWeeks(weeks[doseWeeks-1], doseWeeks).String()
	v.Chart = svgchart.Chart{ID: "dose-chart", Title: "Hours delivered each week", XLabel: "ISO week", YLabel: "Hours delivered", Line: true}
	required, below := 0, 0
	current := delivery.WeekOf(time.Now(), loc)
	doses, err := s.Attendance.ClientDoses(r.Context(), c.ID, weeks[0].String(), weeks[doseWeeks-1].String())
	if err != nil && httpserver.Status(err) != http.StatusNotFound { // no dose yet: empty weeks
		s.fail(w, r, "client dose", err, doseErrors)
		return
	}
	for i, d := range doses {
		wk := weeks[i]
		row := doseRow{Week: d.Week, Required: hoursText(d.RequiredMinutes), Delivered: hoursText(d.DeliveredMinutes),
			Met: d.Met, Individual: d.SessionsByKind["individual"], Group: d.SessionsByKind["group"],
			Family: d.SessionsByKind["family"], MedMg: d.SessionsByKind["medication"], Scheduled: d.Scheduled,
			Idle: d.Scheduled == 0 && d.DeliveredMinutes == 0, Current: wk == current, Later: current.Before(wk)}
		v.Rows = append(v.Rows, row)
		if row.Idle {
			continue
		}
		v.Chart.Points = append(v.Chart.Points, svgchart.Point{Label: d.Week, Value: float64(d.DeliveredMinutes) / 60, Text: hoursText(d.DeliveredMinutes)})
		required = d.RequiredMinutes
		if !d.Met && !row.Current && !row.Later {
			below++
		}
	}
	if required > 0 {
		v.Chart.Ref, v.Chart.RefLabel, v.Chart.RefText = float64(required)/60, "Minimum "+hoursText(required), hoursText(required)
	}
	v.Chart.Desc = fmt.Sprintf("Hours attended in each of %d weeks with sessions against the program's weekly minimum; %d of the finished weeks ended below it.", len(v.Chart.Points), below)
	s.render(w, r, http.StatusOK, "week_dose", v)
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

// programDosePage shows the dose of every client on the program's census, for four weeks:
// hours delivered each week and whether the minimum was met, and a chart of how many clients
// met it each week.
func (s *Server) programDosePage(w http.ResponseWriter, r *http.Request, who signedIn) {
	p, ok := s.programOf(w, r, r.PathValue("id"))
	if !ok {
		return
	}
	entries, err := s.Episodes.Census(r.Context(), p.ID)
	if err != nil {
		s.fail(w, r, "program dose census", err, pageErrors)
		return
	}
	loc := p.Location()
	last := weekParam(r, "week", loc)
	weeks := make([]delivery.ISOWeek, programDoseWeeks)
	for i := programDoseWeeks - 1; i >= 0; i-- {
		weeks[i] = last
		last = weekBefore(last)
	}
	v := programDoseView{page: page{Title: "Program dose: " + p.Name}, Who: who, Program: p,
		Required: hoursText(int(p.MinHoursPerWeek * 60))}
	base := "/staff/programs/" + p.ID + "/dose?week="
	v.Prev = base + addWeeks(weeks[0], -1).String()
	v.Next = base + addWeeks(weeks[programDoseWeeks-1], programDoseWeeks).String()
	current := delivery.WeekOf(time.Now(), loc)
	met := make([]int, programDoseWeeks)
	counted := make([]int, programDoseWeeks)
	for _, wk := range weeks {
		v.Weeks = append(v.Weeks, wk.String())
	}
	ids := make([]string, 0, len(entries))
	for _, e := range entries {
		ids = append(ids, e.ClientID)
	}
	names := s.rosterNames(r, ids)
	for _, e := range entries {
		row := programDoseRow{ClientID: e.ClientID, Name: names[e.ClientID]}
		doses, err := s.Attendance.ClientDoses(r.Context(), e.ClientID, weeks[0].String(), weeks[len(weeks)-1].String())
		if httpserver.Status(err) == http.StatusForbidden {
			s.deny(w, r, doseErrors)
			return
		}
		for i := range weeks {
			cell := programDoseCell{}
			if err == nil {
				d := doses[i]
				cell = programDoseCell{Delivered: hoursText(d.DeliveredMinutes), Met: d.Met, Known: true,
					Current: weeks[i] == current, Later: current.Before(weeks[i])}
				counted[i]++
				if d.Met {
					met[i]++
				}
			}
			row.Cells = append(row.Cells, cell)
		}
		v.Rows = append(v.Rows, row)
	}
	v.Chart = svgchart.Chart{ID: "program-dose-chart", Title: "Clients who met the weekly minimum", XLabel: "ISO week", YLabel: "Clients"}
	for i, wk := range weeks {
		text := fmt.Sprintf("%d of %d", met[i], counted[i])
		switch {
		case wk == current:
			text = fmt.Sprintf("%d of %d so far (week in progress)", met[i], counted[i])
		case current.Before(wk):
			text = "not started"
		}
		v.Chart.Points = append(v.Chart.Points, svgchart.Point{Label: wk.String(), Value: float64(met[i]), Text: text})
	}
	v.Chart.Desc = fmt.Sprintf("For each of the %d weeks, how many of the clients on the census received at least %s.", programDoseWeeks, v.Required)
	if slices.Contains(weeks, current) {
		v.Chart.Desc += fmt.Sprintf(" Week %s is still in progress: its count is so far.", current)
	}
	s.render(w, r, http.StatusOK, "week_dose_program", v)
}
