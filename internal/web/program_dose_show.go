package web

import (
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/carepath/carepath/delivery"
	"github.com/carepath/carepath/internal/httpserver"
	"github.com/carepath/carepath/internal/svgchart"
)

// programDoseShow shows the dose of every client on the program's census, for four weeks:
// hours delivered each week and whether the minimum was met, and a chart of how many clients
// met it each week.
func (s *Server) programDoseShow(w http.ResponseWriter, r *http.Request, who signedIn) {
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
