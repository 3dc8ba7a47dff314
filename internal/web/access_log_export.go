package web

import (
	"encoding/csv"
	"net/http"
	"strconv"
	"time"

	"github.com/carepath/carepath/internal/httpserver"
)

// accessLogExport exports the filtered audit log as CSV, to admins.
func (s *Server) accessLogExport(w http.ResponseWriter, r *http.Request, who signedIn) {
	_, f, errs := readAccessLogQuery(r, accessLogCSVLimit, s.viewerZone(r))
	rows, err := s.AccessLog.FindAccessLog(r.Context(), f)
	switch {
	case httpserver.Status(err) == http.StatusForbidden:
		s.deny(w, r, accessLogErrors)
		return
	case len(errs) > 0 || isInvalid(err):
		http.Error(w, "Please give dates as YYYY-MM-DD, the last day not before the first.", http.StatusBadRequest)
		return
	case err != nil:
		s.Log.Error("audit export", "err", err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="carepath-audit.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"id", "at", "actor_id", "role", "action", "record_type", "record_id", "client_id", "remote", "allowed", "detail"})
	for _, e := range rows {
		_ = cw.Write([]string{strconv.FormatInt(e.ID, 10), e.At.UTC().Format(time.RFC3339Nano), cell(e.ActorID), string(e.Role),
			cell(e.Action), cell(e.RecordType), cell(e.RecordID), cell(e.ClientID), cell(e.Remote), strconv.FormatBool(e.Allowed), cell(e.Detail)})
	}
	cw.Flush()
}
