package web

import (
	"fmt"
	"net/http"
	"time"

	"github.com/carepath/carepath/delivery"
	"github.com/carepath/carepath/internal/httpserver"
	"github.com/carepath/carepath/internal/svgchart"
)

// clientDoseShow shows a client's dose week by week: the hours required, delivered (from
// attendance) and whether the minimum was met, with sessions attended by kind, as a table and
// a line chart against the minimum.
func (s *Server) clientDoseShow(w http.ResponseWriter, r *http.Request, who signedIn) {
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
