package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// reviewView is the view model of the review pages.
type reviewView struct {
	page
	Who     signedIn
	Client  *carepath.Client
	Episode *carepath.Episode // the open episode, nil when there is none
	Review  *carepath.Review  // the review shown, nil on the review page itself
	History []*carepath.Review
	Reason  string            // the decline reason as typed
	Errors  map[string]string // by element id
	Summary []errorLink
	// Problem explains a refusal that is not about a field (409).
	Problem string
}

// reviewBase reads the chart's client, its open episode and its reviews, answering the error
// page itself when it cannot; ok is false then.
func (s *Server) reviewBase(w http.ResponseWriter, r *http.Request, who signedIn) (reviewView, bool) {
	v := reviewView{page: page{Title: "Continued-stay review"}, Who: who, Errors: map[string]string{}}
	if !access.Allowed(who.Role, access.Review, access.Create) || s.Reviews == nil {
		s.deny(w, r, reviewErrors)
		return v, false
	}
	c, ok := s.chartClient(w, r)
	if !ok {
		return v, false
	}
	v.Client = c
	if list, err := s.Episodes.FindEpisodes(r.Context(), c.ID); err == nil {
		for _, e := range list {
			if e.Status == carepath.EpisodeOpen {
				v.Episode = e
			}
		}
	} else {
		s.Log.Error("review episodes", "err", err)
	}
	history, err := s.Reviews.FindReviews(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, "list reviews", err, reviewErrors)
		return v, false
	}
	v.History = history
	return v, true
}

// withReview finds the review the path names among v's history.
func (s *Server) withReview(w http.ResponseWriter, r *http.Request, v *reviewView) bool {
	id := r.PathValue("review")
	for _, rv := range v.History {
		if rv.ID == id {
			v.Review = rv
			return true
		}
	}
	s.fail(w, r, "find review", carepath.Errorf(carepath.ENOTFOUND, "no such review"), reviewErrors)
	return false
}

// reviewConflict shows the review again as it is now, explaining why nothing was done.
func (s *Server) reviewConflict(w http.ResponseWriter, r *http.Request, who signedIn, err error) {
	v, ok := s.reviewBase(w, r, who)
	if !ok || !s.withReview(w, r, &v) {
		return
	}
	v.Problem = carepath.ErrorMessage(err)
	s.render(w, r, http.StatusConflict, "review", v)
}

// reviewRow is one instrument in the table of the data behind a review.
type reviewRow struct {
	Name, Baseline, Previous, Latest, Change, Status string
}

// MeasureRows are the rows of the table of measures behind the review shown.
func (v reviewView) MeasureRows() []reviewRow {
	if v.Review == nil {
		return nil
	}
	var out []reviewRow
	for _, m := range v.Review.Data.Measures {
		row := reviewRow{Name: m.Name, Baseline: strconv.Itoa(m.Baseline) + " on " + m.BaselineOn,
			Previous: "—", Latest: strconv.Itoa(m.Latest) + " on " + m.LatestOn, Change: "—"}
		if m.Previous != nil {
			row.Previous = strconv.Itoa(*m.Previous)
		}
		var status []string
		if c := m.Change; c != nil && m.Count > 1 {
			switch {
			case c.Delta > 0:
				row.Change = "+" + strconv.Itoa(c.Delta)
			case c.Delta < 0:
				row.Change = "−" + strconv.Itoa(-c.Delta)
			default:
				row.Change = "0"
			}
			if c.ReliableImprovement {
				status = append(status, "reliable improvement")
			}
			if c.ReliableDeterioration {
				status = append(status, "reliable deterioration")
			}
			if c.Recovery {
				status = append(status, "recovery")
			}
		}
		if c := m.Change; c != nil && c.Remission {
			status = append(status, "in remission")
		}
		if m.Count == 1 {
			status = append(status, "baseline only")
		}
		row.Status = strings.Join(status, ", ")
		if row.Status == "" {
			row.Status = "no reliable change"
		}
		out = append(out, row)
	}
	return out
}

// AttendanceText describes the attendance behind the review shown.
func (v reviewView) AttendanceText() string {
	if v.Review == nil {
		return ""
	}
	a := v.Review.Data.Attendance
	if a.Scheduled == 0 {
		return "No sessions were scheduled from " + a.From + " to " + a.To + ", so no attendance rule applied."
	}
	return strconv.Itoa(a.Attended) + " of " + strconv.Itoa(a.Scheduled) + " sessions attended (" +
		strconv.Itoa(a.Percent()) + " %) from " + a.From + " to " + a.To + "."
}

// RelapseText describes the last relapse behind the review shown.
func (v reviewView) RelapseText() string {
	if v.Review == nil {
		return ""
	}
	if d := v.Review.Data.LastRelapse; d != "" {
		return "Last relapse reported on " + d + "."
	}
	return "No relapse reported on a check-in."
}

// Pending reports whether the review shown can still be accepted or declined.
func (v reviewView) Pending() bool {
	return v.Review != nil && v.Review.Decision == carepath.ReviewPending
}

// AcceptText says what accepting the review shown does.
func (v reviewView) AcceptText() string {
	if v.Review == nil {
		return ""
	}
	if v.Review.Transfers() {
		return "Accepting transfers the client's open episode from " + v.Review.Level.Name() + " to " +
			v.Review.ToLevel.Name() + " today, with the review's reasons as the reason for the transfer."
	}
	switch v.Review.Action {
	case carepath.ReviewSafetyEvaluation:
		return "Accepting records that a safety evaluation follows; it changes no level of care. Follow the crisis protocol and book the evaluation today."
	case carepath.ReviewFit:
		return "Accepting records that you will talk with the client about whether this level fits; it changes no level of care."
	}
	return "Accepting records that the client continues at " + v.Review.Level.Name() + "; nothing else changes."
}

// decisionText describes the decision of rv, for the history.
func decisionText(rv *carepath.Review) string {
	switch rv.Decision {
	case carepath.ReviewAccepted:
		s := "Accepted"
		if rv.DecidedAt != nil {
			s += " " + rv.DecidedAt.Format(carepath.DateLayout)
		}
		if rv.TransferID != "" {
			s += "; transferred to " + rv.ToLevel.Name()
		}
		return s
	case carepath.ReviewDeclined:
		s := "Declined"
		if rv.DecidedAt != nil {
			s += " " + rv.DecidedAt.Format(carepath.DateLayout)
		}
		return s + ": " + rv.DeclineReason
	}
	return "Pending"
}

// Decisions are the history's decision texts, by review id.
func (v reviewView) Decisions() map[string]string {
	out := map[string]string{}
	for _, rv := range v.History {
		out[rv.ID] = decisionText(rv)
	}
	return out
}
