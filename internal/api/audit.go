package api

import (
	"encoding/csv"
	"net/http"
	"strconv"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/httpserver"
)

// listAccessLog answers the audit log, newest first, to admins: ?client_id=, ?actor_id=, ?from= and
// ?to= (RFC 3339 or YYYY-MM-DD), ?limit=, ?offset=. With ?format=csv it answers CSV.
func (a *API) listAccessLog(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	f, err := auditFilterFrom(r)
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	rows, err := a.AccessLog.FindAccessLog(ctx, f)
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	if r.URL.Query().Get("format") == "csv" {
		writeAuditCSV(w, rows)
		return
	}
	WriteJSON(w, http.StatusOK, rows)
}

// auditFilterFrom reads the audit filter from the query string, naming any bad parameter.
func auditFilterFrom(r *http.Request) (carepath.AccessLogFilter, error) {
	var f carepath.AccessLogFilter
	q := r.URL.Query()
	if s := q.Get("client_id"); s != "" {
		f.ClientID = &s
	}
	if s := q.Get("actor_id"); s != "" {
		f.ActorID = &s
	}
	for _, p := range []struct {
		name string
		dst  **time.Time
	}{{"from", &f.From}, {"to", &f.To}} {
		s := q.Get(p.name)
		if s == "" {
			continue
		}
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			if t, err = time.Parse(time.DateOnly, s); err != nil {
				return f, invalidQuery(p.name, "Use a date (YYYY-MM-DD) or an RFC 3339 time.")
			}
		}
		*p.dst = &t
	}
	return f, limitOffset(q, &f.Limit, &f.Offset)
}

// writeAuditCSV writes audit rows as CSV with a header line, every text cell neutralized
// against spreadsheet formulas (httpserver.CSVCell).
func writeAuditCSV(w http.ResponseWriter, rows []*carepath.AccessLogEntry) {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="carepath-audit.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"id", "at", "actor_id", "role", "action", "record_type", "record_id", "client_id", "remote", "allowed", "detail"})
	for _, e := range rows {
		cell := httpserver.CSVCell
		_ = cw.Write([]string{strconv.FormatInt(e.ID, 10), e.At.UTC().Format(time.RFC3339Nano), cell(e.ActorID), cell(string(e.Role)),
			cell(e.Action), cell(e.RecordType), cell(e.RecordID), cell(e.ClientID), cell(e.Remote), strconv.FormatBool(e.Allowed), cell(e.Detail)})
	}
	cw.Flush()
}
