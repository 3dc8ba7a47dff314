package web

import (
	"net/http"

	"github.com/carepath/carepath/access"
)

// accountView is the view model of one's own account page.
type accountView struct {
	page
	Who         signedIn
	ZoneName    string // the zone the pages show times in
	OwnZone     bool   // set on the account (else the clinic's)
	IdleMinutes int
	CanTOTP     bool
	CanCalendar bool
}

// accountShow is the signed-in staff member's own account: the second factor, the calendar
// feed, the zone times are shown in and how long a sign-in lasts without activity.
func (s *Server) accountShow(w http.ResponseWriter, r *http.Request, who signedIn) {
	zone := s.viewerZone(r)
	v := accountView{page: page{Title: "My account", Zone: zone}, Who: who, ZoneName: zone.String(),
		OwnZone:     s.manager(r).GetString(r.Context(), sessStaffZone) != "",
		IdleMinutes: int(s.signInIdle().Minutes()),
		CanTOTP:     access.Allowed(who.Role, access.Staff, access.EnrolTOTP),
		CanCalendar: access.Allowed(who.Role, access.CalendarFeed, access.Create)}
	s.render(w, r, http.StatusOK, "account", v)
}
