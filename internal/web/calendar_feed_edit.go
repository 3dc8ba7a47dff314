package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// calendarFeedEditStaff shows the signed-in staff member's calendar feed: whether there is one, and
// the form to make a new one (with or without client names) or revoke it.
func (s *Server) calendarFeedEditStaff(w http.ResponseWriter, r *http.Request, who signedIn) {
	v := calendarFeedView{page: page{Title: "My calendar feed"}, Who: who, Action: "/staff/account/calendar"}
	s.renderFeed(w, r, v, carepath.FeedStaff, who.ID)
}

// calendarFeedEditClient shows a client's calendar feed, for the care team to give the client.
func (s *Server) calendarFeedEditClient(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	v := calendarFeedView{page: page{Title: "Calendar feed"}, Who: who, Client: c, Action: "/staff/clients/" + c.ID + "/calendar"}
	s.renderFeed(w, r, v, carepath.FeedClient, c.ID)
}
