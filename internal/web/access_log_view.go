package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/httpserver"
)

// accessLogPageSize is how many audit rows the page shows.
const accessLogPageSize = 200

// accessLogCSVLimit is the most rows one CSV export holds.
const accessLogCSVLimit = 10000

// accessLogQuery is the audit log filter as typed: ids and dates only, never client data, so it
// travels in the query string and can be bookmarked.
type accessLogQuery struct {
	ClientID, StaffID, From, To string
}

// accessLogView is the view model of the audit log page.
type accessLogView struct {
	page
	Who     signedIn
	Query   accessLogQuery
	Rows    []*carepath.AccessLogEntry
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

// readAccessLogQuery reads the filter from r's query string, its days in zone; bad dates are
// named by element id.
func readAccessLogQuery(r *http.Request, limit int, zone *time.Location) (accessLogQuery, carepath.AccessLogFilter, map[string]string) {
	q := r.URL.Query()
	aq := accessLogQuery{ClientID: strings.TrimSpace(q.Get("client_id")), StaffID: strings.TrimSpace(q.Get("staff_id")),
		From: strings.TrimSpace(q.Get("from")), To: strings.TrimSpace(q.Get("to"))}
	f := carepath.AccessLogFilter{Limit: limit}
	errs := map[string]string{}
	if aq.ClientID != "" {
		f.ClientID = &aq.ClientID
	}
	if aq.StaffID != "" {
		f.ActorID = &aq.StaffID
	}
	if aq.From != "" {
		if t, err := time.ParseInLocation(time.DateOnly, aq.From, zone); err != nil {
			errs["audit-from"] = "Please give the first day as YYYY-MM-DD."
		} else {
			f.From = &t
		}
	}
	if aq.To != "" {
		if t, err := time.ParseInLocation(time.DateOnly, aq.To, zone); err != nil {
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
func (q accessLogQuery) values() url.Values {
	v := url.Values{}
	for k, s := range map[string]string{"client_id": q.ClientID, "staff_id": q.StaffID, "from": q.From, "to": q.To} {
		if s != "" {
			v.Set(k, s)
		}
	}
	return v
}

// cell is s made safe for a spreadsheet (httpserver.CSVCell).
func cell(s string) string { return httpserver.CSVCell(s) }
