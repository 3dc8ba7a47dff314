package web

import (
	"net/http"
)

// accessLogList shows the audit log to admins, newest first, filtered by client, staff member and
// dates. The read always goes through the audit service, so the policy decides (everyone but
// admin gets 403) and the read, allowed or denied, is itself audited.
func (s *Server) accessLogList(w http.ResponseWriter, r *http.Request, who signedIn) {
	zone := s.viewerZone(r)
	aq, f, errs := readAccessLogQuery(r, accessLogPageSize+1, zone)
	rows, err := s.AccessLog.FindAccessLog(r.Context(), f)
	status, problem, ok := s.failOrShow(w, r, "audit page", err, accessLogErrors, http.StatusBadRequest, http.StatusInternalServerError)
	if !ok {
		return
	}
	v := accessLogView{page: page{Title: "Audit log", Zone: zone}, Who: who, Query: aq, Errors: errs}
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
		if len(rows) > accessLogPageSize {
			rows, v.More = rows[:accessLogPageSize], true
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
