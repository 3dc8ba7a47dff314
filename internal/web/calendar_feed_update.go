package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// calendarFeedUpdateStaff makes a new feed for the signed-in staff member, or revokes theirs.
func (s *Server) calendarFeedUpdateStaff(w http.ResponseWriter, r *http.Request, who signedIn) {
	v := calendarFeedView{page: page{Title: "My calendar feed"}, Who: who, Action: "/staff/account/calendar"}
	s.saveFeed(w, r, v, carepath.FeedStaff, who.ID)
}

// calendarFeedUpdateClient makes a new feed for a client, or revokes theirs.
func (s *Server) calendarFeedUpdateClient(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	v := calendarFeedView{page: page{Title: "Calendar feed"}, Who: who, Client: c, Action: "/staff/clients/" + c.ID + "/calendar"}
	s.saveFeed(w, r, v, carepath.FeedClient, c.ID)
}
