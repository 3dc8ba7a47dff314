package api

import (
	"context"
	"net/http"

	"github.com/carepath/carepath"
)

// attendanceBody is the body of PUT /api/v1/sessions/{id}/attendance: the records and the
// version read (0 before the first save).
type attendanceBody struct {
	Records []attendanceInput `json:"records"`
	Version int               `json:"version"`
}

type attendanceInput struct {
	ClientID string `json:"client_id"`
	Status   string `json:"status"`
	Minutes  int    `json:"minutes"`
}

// getAttendance answers an occurrence's attendance sheet.
func (a *API) getAttendance(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.AttendanceSheet, error) {
		return a.Attendance.FindAttendance(ctx, r.PathValue("id"))
	})
}

// putAttendance replaces an occurrence's records and answers 200 with the sheet; 400 names
// records[i].client_id, status or minutes; 409 when the version is stale.
func (a *API) putAttendance(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, in attendanceBody) (*carepath.AttendanceSheet, error) {
		u := carepath.AttendanceUpdate{Version: in.Version, Records: make([]carepath.AttendanceRecord, len(in.Records))}
		for i, rec := range in.Records {
			u.Records[i] = carepath.AttendanceRecord{ClientID: rec.ClientID, Status: rec.Status, Minutes: rec.Minutes}
		}
		return a.Attendance.RecordAttendance(ctx, r.PathValue("id"), u)
	})
}
