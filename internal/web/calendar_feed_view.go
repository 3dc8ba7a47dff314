package web

import (
	"html/template"
	"net/http"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/httpserver"
)

// calendarFeedView is the view model of a calendar feed page: a staff member's own feed, or
// a client's.
type calendarFeedView struct {
	page
	Who    signedIn
	Client *carepath.Client // nil on a staff member's own page
	Action string           // where the form posts
	Feed   *carepath.CalendarFeed
	// URL and WebcalURL are the new feed's address, shown once, right after it is made.
	URL       string
	WebcalURL template.URL // html/template would refuse a webcal: address as a plain string
	Revoked   bool
	Problem   string
}

// renderFeed fills in the owner's current feed and renders the page.
func (s *Server) renderFeed(w http.ResponseWriter, r *http.Request, v calendarFeedView, kind, owner string) {
	f, err := s.CalendarFeeds.FindCalendarFeed(r.Context(), kind, owner)
	if httpserver.Status(err) == http.StatusNotFound { // no feed yet
		f, err = nil, nil
	}
	status, problem, ok := s.failOrShow(w, r, "calendar feed", err, calendarFeedErrors, http.StatusInternalServerError)
	if !ok {
		return
	}
	if err == nil {
		v.Feed = f
	}
	v.Problem = problem
	s.render(w, r, status, "calendar_feed", v)
}

// saveFeed runs the form's action: "create" (replacing any feed; the new address is shown
// once, on this answer) or "revoke".
func (s *Server) saveFeed(w http.ResponseWriter, r *http.Request, v calendarFeedView, kind, owner string) {
	if err := r.ParseForm(); err != nil {
		v.Problem = "The form could not be read. Please try again."
		s.render(w, r, http.StatusBadRequest, "calendar_feed", v)
		return
	}
	var err error
	switch r.PostForm.Get("action") {
	case "create":
		var token string
		v.Feed, token, err = s.CalendarFeeds.CreateCalendarFeed(r.Context(), kind, owner, false)
		if err == nil {
			v.URL = s.feedURL(r, "http", token)
			v.WebcalURL = template.URL(s.feedURL(r, "webcal", token)) // built here from the host and a base64url token
		}
	case "revoke":
		err = s.CalendarFeeds.RevokeCalendarFeed(r.Context(), kind, owner)
		if err == nil || httpserver.Status(err) == http.StatusNotFound {
			err, v.Revoked = nil, true
		}
	default:
		v.Problem = "Choose to make a new address or to turn the feed off."
		s.renderFeedStatus(w, r, v, kind, owner, http.StatusBadRequest)
		return
	}
	if err == nil {
		s.render(w, r, http.StatusOK, "calendar_feed", v)
		return
	}
	status, _, ok := s.failOrShow(w, r, "calendar feed save", err, calendarFeedErrors, http.StatusInternalServerError)
	if !ok {
		return
	}
	v.Problem = "The calendar feed could not be changed just now. Nothing was changed; please try again in a minute."
	s.renderFeedStatus(w, r, v, kind, owner, status)
}

// renderFeedStatus renders the page with its current feed and status.
func (s *Server) renderFeedStatus(w http.ResponseWriter, r *http.Request, v calendarFeedView, kind, owner string, status int) {
	if f, err := s.CalendarFeeds.FindCalendarFeed(r.Context(), kind, owner); err == nil {
		v.Feed = f
	}
	s.render(w, r, status, "calendar_feed", v)
}

// feedURL is the address of the feed with token, under the server's external base URL (or
// the scheme the client used and its host), for scheme "http" (http or https, as the base
// says) or "webcal" (which calendar apps open as a subscription).
func (s *Server) feedURL(r *http.Request, scheme, token string) string {
	u := httpserver.ExternalURL(r, s.BaseURL, "/calendar/"+token+".ics")
	if scheme == "webcal" {
		_, rest, _ := strings.Cut(u, "://")
		return "webcal://" + rest
	}
	return u
}
