package web

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/httpserver"
)

// auditPageSize is how many audit rows the page shows.
const auditPageSize = 200

// auditCSVLimit is the most rows one CSV export holds.
const auditCSVLimit = 10000

// auditQuery is the audit log filter as typed: ids and dates only, never client data, so it
// travels in the query string and can be bookmarked.
type auditQuery struct {
	ClientID, StaffID, From, To string
}

// auditView is the view model of the audit log page.
type auditView struct {
	page
	Who     signedIn
	Query   auditQuery
	Rows    []*carepath.AuditEntry
	More    bool
	CSVLink string
	Errors  map[string]string
	Summary []errorLink
	Problem string
	// Staff are the choices of the staff filter, by name; StaffNames names the staff ids in
	// the rows (an id not among them, such as the command line's, is shown as it is).
	Staff      []*carepath.Staff
	StaffNames map[string]string
}

// readAuditQuery reads the filter from r's query string; bad dates are named by element id.
func readAuditQuery(r *http.Request, limit int) (auditQuery, carepath.AuditFilter, map[string]string) {
	q := r.URL.Query()
	aq := auditQuery{ClientID: strings.TrimSpace(q.Get("client_id")), StaffID: strings.TrimSpace(q.Get("staff_id")),
		From: strings.TrimSpace(q.Get("from")), To: strings.TrimSpace(q.Get("to"))}
	f := carepath.AuditFilter{Limit: limit}
	errs := map[string]string{}
	if aq.ClientID != "" {
		f.ClientID = &aq.ClientID
	}
	if aq.StaffID != "" {
		f.ActorID = &aq.StaffID
	}
	if aq.From != "" {
		if t, err := time.Parse(time.DateOnly, aq.From); err != nil {
			errs["audit-from"] = "Please give the first day as YYYY-MM-DD."
		} else {
			f.From = &t
		}
	}
	if aq.To != "" {
		if t, err := time.Parse(time.DateOnly, aq.To); err != nil {
			errs["audit-to"] = "Please give the last day as YYYY-MM-DD."
		} else {
			end := t.AddDate(0, 0, 1) // the last day is included
			f.To = &end
		}
	}
	if f.From != nil && f.To != nil && !f.To.After(*f.From) {
		errs["audit-to"] = "The last day must not be before the first day."
	}
	return aq, f, errs
}

// values returns the filter as query parameters, leaving out empty ones.
func (q auditQuery) values() url.Values {
	v := url.Values{}
	for k, s := range map[string]string{"client_id": q.ClientID, "staff_id": q.StaffID, "from": q.From, "to": q.To} {
		if s != "" {
			v.Set(k, s)
		}
	}
	return v
}

// auditPage shows the audit log to admins, newest first, filtered by client, staff member and
// dates. The read always goes through the audit service, so the policy decides (everyone but
// admin gets 403) and the read, allowed or denied, is itself audited.
func (s *Server) auditPage(w http.ResponseWriter, r *http.Request, who signedIn) {
	aq, f, errs := readAuditQuery(r, auditPageSize+1)
	rows, err := s.Audit.FindAudit(r.Context(), f)
	status, problem, ok := s.failOrShow(w, r, "audit page", err, auditLogErrors, http.StatusBadRequest, http.StatusInternalServerError)
	if !ok {
		return
	}
	v := auditView{page: page{Title: "Audit log"}, Who: who, Query: aq, Errors: errs}
	v.Staff, v.StaffNames = s.staffDirectory(r)
	switch {
	case len(errs) > 0:
		status = http.StatusBadRequest
		for _, id := range []string{"audit-from", "audit-to"} {
			if m, ok := errs[id]; ok {
				v.Summary = append(v.Summary, errorLink{id, m})
			}
		}
	case err == nil:
		if len(rows) > auditPageSize {
			rows, v.More = rows[:auditPageSize], true
		}
		v.Rows = rows
		v.CSVLink = "/staff/audit.csv"
		if enc := aq.values().Encode(); enc != "" {
			v.CSVLink += "?" + enc
		}
	default:
		v.Problem = problem
	}
	s.render(w, r, status, "audit", v)
}

// staffDirectory lists the staff by name for the audit filter, and their names by id. When the
// directory cannot be read the page still works, with ids instead of names.
func (s *Server) staffDirectory(r *http.Request) ([]*carepath.Staff, map[string]string) {
	staff, err := s.Staff.FindStaff(r.Context(), carepath.StaffFilter{})
	if err != nil {
		s.Log.Error("audit page staff directory", "err", err)
		return nil, nil
	}
	slices.SortFunc(staff, func(a, b *carepath.Staff) int {
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	names := make(map[string]string, len(staff))
	for _, m := range staff {
		names[m.ID] = m.Name
	}
	return staff, names
}

// auditCSV exports the filtered audit log as CSV, to admins.
func (s *Server) auditCSV(w http.ResponseWriter, r *http.Request, who signedIn) {
	_, f, errs := readAuditQuery(r, auditCSVLimit)
	rows, err := s.Audit.FindAudit(r.Context(), f)
	switch {
	case httpserver.Status(err) == http.StatusForbidden:
		s.deny(w, r, auditLogErrors)
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

// cell keeps a spreadsheet from reading a CSV value as a formula.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
